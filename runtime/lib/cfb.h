/*
 * cfb.h -- the compiled configuration image (.cfb): layout, writer,
 * loader and verifier.  The writer (cfb_write.c) and the reader
 * (cfb_read.c) live side by side so they cannot drift apart.
 *
 * An image is the configuration's logical lines in source order (the
 * "events": every D C F O M H S K P Q T E X V line, exactly the text
 * readcf sees) plus every R line precompiled to VM code.  Loading
 * replays the events through the same line handlers sendmail's readcf
 * semantics are implemented in, so host-dependent things (F files, U=
 * users, $w/$j/$m) are resolved at load time, as sendmail does, while
 * rules are taken ready-made from the image.  Rules whose text uses
 * read-time macros ($x, $?x) or whose compile produced messages carry
 * CFB_RULE_RELINK and are compiled again from their text at load.
 *
 *  offset  size
 *  +-------+------------------------------------------------------+
 *  |     0 | magic "\x89CFB\r\n\x1a\n" (catches CRLF/LF/7-bit damage)|
 *  |     8 | u16 major, u16 minor                                 |
 *  |    12 | u32 byte-order probe 0x01020304                      |
 *  |    16 | u32 header size (64 + 16 * nsections)                |
 *  |    20 | u32 total size                                       |
 *  |    24 | u32 number of sections                               |
 *  |    28 | u32 CRC-32 of bytes [header size, total size)        |
 *  |    32 | u64 source hash (FNV-1a over the event stream)       |
 *  |    40 | char[16] cfc version, NUL padded                     |
 *  |    56 | u32 flags (CFB_F_*)                                  |
 *  |    60 | u32 reserved (0)                                     |
 *  |    64 | section table: { u32 kind, offset, length, count }   |
 *  |   ... | sections, each 8-byte aligned, in table order        |
 *  +-------+------------------------------------------------------+
 *
 * Sections (integers in native order, checked by the byte-order probe;
 * images are built and used on the same kind of machine):
 *   STRINGS  NUL-terminated strings; every reference is an offset here
 *   META     u32[8]: source path str, opchars str, conflevel at first R,
 *            number of events, number of rules, reserved...
 *   EVENTS   { u32 line, u32 kind, u32 text, u32 textlen, u32 rule }
 *            kind is the line's first byte; rule indexes RULES or ~0
 *   RULES    { u32 ruleset_hint, u32 line, u32 code, u32 nlhs, u32 nrhs,
 *              u32 nfuzzy, u32 flags, u32 reserved }; code indexes CODE;
 *            the LHS program is nlhs words ending in END, the RHS
 *            follows with nrhs words ending in END
 *   CODE     u32 instruction words (see cfb_ops.h for the encoding)
 *   LINEMAP  { u32 cf_line, u32 file, u32 file_line }: .mc/.m4 origin
 *   MESSAGES { u32 line, u32 text }: readcf messages of a --permissive
 *            build, as sendmail prints them (replay prints them again)
 *   MACNAMES { u32 id, u32 name }: the long macro/class names ({name})
 *            by the ids the code uses; the loader gives them the same
 *            ids before replaying (or relinks every rule on a conflict)
 */
#ifndef RT_CFB_H
#define RT_CFB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cf.h"
#include "version.h"

#define CFB_MAGIC	"\x89" "CFB\r\n\x1a\n"
#define CFB_MAJOR	1
#define CFB_MINOR	0
#define CFB_BYTEORDER	0x01020304u
#define CFB_HDRSIZE	64

enum cfb_section {
	CFB_SEC_STRINGS = 1,
	CFB_SEC_META,
	CFB_SEC_EVENTS,
	CFB_SEC_RULES,
	CFB_SEC_CODE,
	CFB_SEC_LINEMAP,
	CFB_SEC_MESSAGES,
	CFB_SEC_MACNAMES,
	CFB_SEC_MAX
};

#define CFB_F_PERMISSIVE	0x1
#define CFB_RULE_RELINK		0x1
#define CFB_NOREF		0xffffffffu

struct cfb_secent { uint32_t kind, off, len, count; };
struct cfb_event { uint32_t line, kind, text, textlen, rule; };
struct cfb_rule {
	uint32_t ruleset, line, code, nlhs, nrhs, nfuzzy, flags, reserved;
};
struct cfb_linemap { uint32_t cf_line, file, file_line; };
struct cfb_msg { uint32_t line, text; };
struct cfb_macname { uint32_t id, name; };

enum { META_SRCPATH, META_OPCHARS, META_CONFLEVEL, META_NEVENTS,
	META_NRULES, META_N = 8 };

/* ---- writer ---- */
struct cfb_writer;
struct cfb_writer *cfb_writer_new(const char *srcpath, bool permissive);
struct cfb_writer *cfb_writer_free(struct cfb_writer *w);
/* one logical line; rule may be NULL (non-R lines or relinked rules) */
void	cfb_add_event(struct cfb_writer *w, int line, const char *text,
	    size_t len, const struct cf_rule *rule, bool relink);
void	cfb_add_linemap(struct cfb_writer *w, int cf_line, const char *file,
	    int file_line);
void	cfb_add_message(struct cfb_writer *w, int line, const char *text);
void	cfb_add_macname(struct cfb_writer *w, int id, const char *name);
void	cfb_set_opchars(struct cfb_writer *w, const char *opchars,
	    int conflevel);
/* serialize; returns malloc'd bytes */
void	*cfb_finish(struct cfb_writer *w, size_t *lenp);

/* ---- reader ---- */
struct cfb_image {
	const unsigned char	*base;
	size_t			 len;
	const struct cfb_secent	*sec[CFB_SEC_MAX];
	const char		*strings;
	uint32_t		 strings_len;
	const uint32_t		*meta;
	const struct cfb_event	*events;
	uint32_t		 nevents;
	const struct cfb_rule	*rules;
	uint32_t		 nrules;
	const uint32_t		*code;
	uint32_t		 ncode;
	const struct cfb_linemap *linemap;
	uint32_t		 nlinemap;
	const struct cfb_msg	*msgs;
	uint32_t		 nmsgs;
	const struct cfb_macname *macnames;
	uint32_t		 nmacnames;
	uint32_t		 flags;
	uint64_t		 srchash;
	char			 version[17];
};

bool	cfb_is_image(const void *p, size_t len);
/* header checks + full verification; fills img; false with a reason */
bool	cfb_verify(const void *p, size_t len, struct cfb_image *img,
	    char *why, size_t whysz);
/* verify and replay into cf (which must be cf_init'ed, identity set) */
int	cfb_load(struct cf *cf, const char *path, const void *p, size_t len,
	    char *why, size_t whysz);
const char *cfb_str(const struct cfb_image *img, uint32_t off);
/* listing and cf text */
void	cfb_disasm(const struct cfb_image *img, FILE *out);
void	cfb_decompile(const struct cfb_image *img, FILE *out);

uint32_t cfb_crc32(const void *p, size_t len);

#endif /* RT_CFB_H */
