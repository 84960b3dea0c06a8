/*
 * fuzz_address.c -- libFuzzer target: arbitrary address text through
 * the tokenizer and rulesets 3 and 0 of a small but rule-rich config.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cf.h"
#include "vm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char cftext[] =
    "V10/Berkeley\n"
    "O OperatorChars=.:%@!^/[]+\n"
    "Cwlocalhost mx.example.com\n"
    "Kdequote dequote\n"
    "Karith arith\n"
    "S3\n"
    "R$@\t\t$@ <@>\n"
    "R$*\t\t$: $1 <@>\n"
    "R$* < $* > $* <@>\t$2\n"
    "R@ $* <@>\t\t$@ @ $1\n"
    "R$* <@>\t\t$: $1\n"
    "R$*\t\t$: $(dequote $1 $)\n"
    "R$* : $* [ $* ]\t$: $1 : $2 [ $3 ] <@>\n"
    "R$+ @ $+\t\t$: $1 < @ $2 >\n"
    "R$+ % $+\t\t$>3 $1 @ $2\n"
    "R$* < @ $=w > $*\t$: $1 < @ $2 . > $3\n"
    "R$* < @ $+ . . > $*\t$1 < @ $2 . > $3\n"
    "R$&x $*\t\t$: $&x $1 $(arith + $@ 1 $@ 2 $)\n"
    "S0\n"
    "R$*\t\t$: $>3 $1\n"
    "R$* < @ $+ > $*\t$#smtp $@ $2 $: $1 < @ $2 > $3\n"
    "R$+\t\t$#local $: $1\n"
    "Mlocal, P=/bin/true, F=lsDFM, A=true $u\n"
    "Msmtp, P=[IPC], F=mDFMuX, A=TCP $h\n";

static void
quiet(void *arg, enum rw_msgkind kind, const char *to, const char *text)
{
	(void)arg; (void)kind; (void)to; (void)text;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cf cf;
	static struct vm vm;
	static int ready;
	struct rw_msgs out = { quiet, NULL };

	if (!ready) {
		cf_init(&cf, &out);
		cf_read_text(&cf, "fuzz.cf", cftext, sizeof(cftext) - 1);
		cf_freeze_tokens(&cf);
		vm_init(&vm, &cf, &out);
		ready = 1;
	}
	if (size > 4096)
		return 0;
	char *addr = malloc(size + 1);
	memcpy(addr, data, size);
	addr[size] = '\0';
	char *pvp[MAXATOM + 1];
	const char *delim;
	if (vm_prescan(&vm, addr, ',', pvp, &delim, NULL) >= 0) {
		(void)vm_rewrite(&vm, pvp, 3, 0, MAXATOM);
		(void)vm_rewrite(&vm, pvp, 0, 0, MAXATOM);
	}
	vm_reset(&vm);
	free(addr);
	return 0;
}
