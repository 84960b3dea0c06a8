# Makefile -- one non-recursive GNU Makefile; everything is built out of tree
# under $(B) (default build/).  Sources are picked up per directory: a .c
# file in cfc/ belongs to cfc, in runtime/ to cfmta, in runtime/lib/ to the
# shared library libcfrt.a that both link.  (Directory = program keeps the
# lists from drifting while several people add modules at once.)
#
#   make            build/cfc build/cfmta
#   make check      install missing deps (as root), build, run every test,
#                   then the same suite under ASan+UBSan
#   make demo       compile a sample .mc and run it in address test mode
#   make asan       sanitizer build in build/asan
#   make fuzz       libFuzzer targets (clang) in build/fuzz
#   make oracle     regenerate tests/golden from the real sendmail
#   make lint-ops hdrcheck lint

B        ?= build
ifeq ($(origin CC),default)
CC       := gcc
endif
# Warnings: the list every C file in this project compiles clean with.
WARN     := -Wall -Wextra -Wshadow -Wundef -Wwrite-strings \
            -Wmissing-prototypes -Wstrict-prototypes -Wold-style-definition \
            -Wformat=2 -Wimplicit-fallthrough -Wno-format-nonliteral \
            -Wvla -Wpointer-arith -Wcast-qual -Wno-cast-qual
OPT      ?= -O2 -g
WERROR   ?= $(if $(CI),-Werror,)
SAN      ?=
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) $(WERROR) $(SAN) \
             -Iruntime/lib -Icfc -I$(B)/gen $(CFLAGS)
LDLIBS_ALL = -ldb -lsasl2 -lssl -lcrypto -lresolv $(LDLIBS)
BISON    ?= bison
FLEX     ?= flex

LIB_SRCS := $(sort $(wildcard runtime/lib/*.c))
CFC_SRCS := $(sort $(wildcard cfc/*.c))
RT_SRCS  := $(sort $(wildcard runtime/*.c))
GEN_SRCS := $(if $(wildcard grammar/cf.y),$(B)/gen/cf_parser.c $(B)/gen/cf_lexer.c)
UNIT_SRCS := $(sort $(wildcard tests/unit/t_*.c))
# tools/NAME.c: one small program each (build/NAME), linked with libcfrt
TOOL_SRCS := $(sort $(wildcard tools/*.c))
TOOL_BINS := $(TOOL_SRCS:tools/%.c=$(B)/%)

LIB_OBJS := $(LIB_SRCS:%.c=$(B)/obj/%.o)
CFC_OBJS := $(CFC_SRCS:%.c=$(B)/obj/%.o) $(GEN_SRCS:$(B)/gen/%.c=$(B)/obj/gen/%.o)
RT_OBJS  := $(RT_SRCS:%.c=$(B)/obj/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/%)

.PHONY: all check test demo asan fuzz oracle lint lint-ops hdrcheck clean deps
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:
.SECONDARY:

all: $(B)/cfc $(B)/cfmta $(TOOL_BINS) $(UNIT_BINS)

$(B)/libcfrt.a: $(LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(B)/cfc: $(CFC_OBJS) $(B)/libcfrt.a
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $(CFC_OBJS) $(B)/libcfrt.a $(LDLIBS_ALL)

$(B)/cfmta: $(RT_OBJS) $(B)/libcfrt.a
	$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $(RT_OBJS) $(B)/libcfrt.a $(LDLIBS_ALL)

$(TOOL_BINS): $(B)/%: tools/%.c $(B)/libcfrt.a
	$(CC) $(CFLAGS_ALL) -MMD -MP -MF $@.d $(LDFLAGS) -o $@ $< $(B)/libcfrt.a $(LDLIBS_ALL)

$(B)/tests/%: tests/unit/%.c $(B)/libcfrt.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Itests/unit $(LDFLAGS) -o $@ $< $(B)/libcfrt.a $(LDLIBS_ALL)

$(B)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(B)/obj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Wno-unused-function -Wno-missing-prototypes -Wno-sign-compare -MMD -MP -c -o $@ $<

# Generated parser and lexer: never committed.
$(B)/gen/cf_parser.c $(B)/gen/cf_parser.h: grammar/cf.y
	@mkdir -p $(B)/gen
	$(BISON) -Wall -Werror --defines=$(B)/gen/cf_parser.h -o $(B)/gen/cf_parser.c $<

$(B)/gen/cf_lexer.c $(B)/gen/cf_lexer.h: grammar/cf.l $(B)/gen/cf_parser.h
	@mkdir -p $(B)/gen
	$(FLEX) --header-file=$(B)/gen/cf_lexer.h -o $(B)/gen/cf_lexer.c $<

ifneq ($(GEN_SRCS),)
$(CFC_OBJS): | $(B)/gen/cf_parser.h $(B)/gen/cf_lexer.h
endif

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)

deps:
	@sh scripts/install-deps.sh

# The suite: tests/run.sh runs every tests/*/run.sh with the binaries in $(B).
test: all
	sh tests/run.sh $(B)

check: deps
	$(MAKE) all
	$(MAKE) -s lint lint-ops hdrcheck
	sh tests/run.sh $(B)
	$(MAKE) B=build/asan OPT="-O1 -g" SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" all
	ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 sh tests/run.sh build/asan

asan:
	$(MAKE) B=build/asan OPT="-O1 -g" SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" all

demo: deps all
	sh scripts/demo.sh $(B)

FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
fuzz:
	sh scripts/build-fuzz.sh

$(B)/fuzzobjs: $(CFC_OBJS) $(B)/libcfrt.a
	@touch $@

# the runtime without its main (cfmta.o): the fuzz targets over the SMTP
# client and server and the queue files link what they use of it
$(B)/libcfmta.a: $(filter-out $(B)/obj/runtime/cfmta.o,$(RT_OBJS))
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

# every golden made by the real sendmail: -bt transcripts, maps, aliases,
# -bs sessions, the mail log, the daemon's ident query
oracle:
	sh scripts/oracle.sh
	sh tests/maps/oracle.sh
	sh tests/aliases/oracle.sh
	sh tests/smtp/oracle.sh
	sh tests/smtp/oracle-log.sh
	sh tests/smtp/oracle-hdr.sh
	ORACLE=1 sh tests/smtp/ident.sh
	ORACLE=1 sh tests/smtp/tlscert.sh
	ORACLE=1 sh tests/smtp/verbose.sh

lint-ops:
	sh scripts/lint-ops.sh

hdrcheck:
	@mkdir -p $(B)/hdrcheck
	@for h in runtime/lib/*.h cfc/*.h runtime/*.h; do [ -f "$$h" ] || continue; \
	  printf '#include "%s"\n' "$${h##*/}" > $(B)/hdrcheck/t.c; \
	  $(CC) $(CFLAGS_ALL) -Iruntime -c -o /dev/null $(B)/hdrcheck/t.c || { echo "hdrcheck: $$h"; exit 1; }; \
	done; echo "hdrcheck: ok"

lint:
	@! grep -nE '\b(strcpy|strcat|sprintf|gets|vsprintf)\s*\(' cfc/*.c runtime/*.c runtime/lib/*.c 2>/dev/null || { echo "lint: banned function"; exit 1; }
	@echo "lint: ok"

clean:
	rm -rf build
