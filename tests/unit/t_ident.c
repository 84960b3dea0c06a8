/*
 * t_ident.c -- ident_parse on identd replies: USERID answers for the
 * queried pair, with operating system, charset and blanks as RFC 1413
 * allows them; errors, answers about another pair, malformed and
 * hostile lines refused; the user id bounded and made printable.  TAP.
 */
#include <stdio.h>
#include <string.h>

#include "ident.h"
#include "tap.h"

static bool
parse(const char *r, char *u, size_t usz)
{
	return ident_parse(r, strlen(r), 40000, 25, u, usz);
}

int
main(void)
{
	char u[64], small[5];

	ok(parse("40000 , 25 : USERID : UNIX : joe\r\n", u, sizeof(u)) &&
	    strcmp(u, "joe") == 0, "plain USERID answer");
	ok(parse("40000,25:USERID:UNIX:joe", u, sizeof(u)) &&
	    strcmp(u, "joe") == 0, "no blanks, no line end");
	ok(parse("  40000 ,\t25 :  USERID  : OTHER , UTF-8 :  j o e  \r\nmore", u,
	    sizeof(u)) && strcmp(u, "j?o?e") == 0,
	    "charset, blanks around fields, inner blanks made '?'");
	ok(!parse("40000 , 25 : ERROR : NO-USER\r\n", u, sizeof(u)) &&
	    u[0] == '\0', "ERROR answer refused");
	ok(!parse("40001 , 25 : USERID : UNIX : joe\r\n", u, sizeof(u)),
	    "another remote port refused");
	ok(!parse("40000 , 26 : USERID : UNIX : joe\r\n", u, sizeof(u)),
	    "another local port refused");
	ok(!parse("40000 , 25 : USERID : UNIX : \r\n", u, sizeof(u)),
	    "empty user id refused");
	ok(!parse("40000 , 25 : USERID : UNIX\r\n", u, sizeof(u)),
	    "no user id field refused");
	ok(!parse("", u, sizeof(u)) && !parse("\r\n", u, sizeof(u)),
	    "empty reply refused");
	ok(!parse("400000 , 25 : USERID : UNIX : joe", u, sizeof(u)) &&
	    !parse("99999 , 25 : USERID : UNIX : joe", u, sizeof(u)),
	    "out of range port refused");
	ok(!parse("40000 , 25 : USERIDX", u, sizeof(u)), "garbage after USERID");
	ok(parse("40000,25:USERID:UNIX:a@b<c>[d](e)\x01\x7f", u, sizeof(u)) &&
	    strcmp(u, "a?b?c??d??e???") == 0, "characters that shape $_ replaced");
	ok(parse("40000,25:USERID:UNIX:abcdefgh", small, sizeof(small)) &&
	    strcmp(small, "abcd") == 0, "long user id cut to the buffer");
	ok(!ident_parse("40000,25:USERID:UNIX:joe", 10, 40000, 25, u, sizeof(u)),
	    "length bounds the reply");
	ok(parse("40000,25:USERID:UNIX:joe\0evil", u, sizeof(u)) &&
	    strcmp(u, "joe") == 0, "NUL ends the line");
	return tap_done();
}
