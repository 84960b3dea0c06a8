/*
 * t_hdr_list.c -- hdr_list_format, sendmail's commaize layout: a list
 * split at commas outside quotes, comments and angle brackets (or at
 * blanks, old style), each address through the callback, ", " between,
 * folds at the column, empty replacements dropped, an empty field as
 * "Name:", limits that make the caller copy the field.  TAP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hdr_list.h"
#include "rw_tok.h"
#include "tap.h"

static struct rw_toktabs tt;

/* "@x" after each address; "drop" is dropped */
static void
add_x(void *arg, const char *addr, struct buf *out)
{
	int *calls = arg;

	(*calls)++;
	if (strcmp(addr, "drop") == 0)
		return;
	buf_puts(out, addr);
	buf_puts(out, "@x");
}

static int
fmt(const char *field, const char *value, bool oldstyle, int omax,
    const char *want)
{
	struct hdr_list_opts o = { tt.ext, NULL, oldstyle, omax };
	struct buf out = BUF_INIT;
	int calls = 0;
	bool r = hdr_list_format(&o, field, value, add_x, &calls, &out);
	int good = r && strcmp(buf_cstr(&out), want) == 0;

	if (!good)
		printf("# got '%s'\n", r ? buf_cstr(&out) : "(false)");
	buf_fini(&out);
	return good;
}

int
main(void)
{
	rw_toktabs_init(&tt);
	rw_toktabs_opchars(&tt, ".:%@!^/[]+");

	ok(fmt("To", "a", false, 78, "To: a@x"), "one address");
	ok(fmt("To", "a, b,c", false, 78, "To: a@x, b@x, c@x"), "commas");
	ok(fmt("From", "Alice Example <alice>", false, 78,
	    "From: Alice Example <alice>@x"), "the whole phrase goes to the callback");
	ok(fmt("To", "\"x, y\" <a>, (c, d) b", false, 78,
	    "To: \"x, y\" <a>@x, (c, d) b@x"), "commas in quotes and comments");
	ok(fmt("To", "a b c", true, 78, "To: a@x, b@x, c@x"), "old style: blanks");
	ok(fmt("To", "a b c", false, 78, "To: a b c@x"), "new style: one address");
	ok(fmt("To", "u @ h, v", true, 78, "To: u @ h@x, v@x"), "old style user @ host");
	ok(fmt("Cc", "", false, 78, "Cc:"), "empty field");
	ok(fmt("Cc", " , ,", false, 78, "Cc:"), "only commas");
	ok(fmt("Cc", "drop, a, drop", false, 78, "Cc: a@x"), "dropped addresses");
	ok(fmt("To", "a,\n\tb,\n c", false, 78, "To: a@x, b@x, c@x"), "continuation lines");
	ok(fmt("To", "aaaaaaaaaa, bbbbbbbbbb, cccccccccc", false, 30,
	    "To: aaaaaaaaaa@x, bbbbbbbbbb@x,\n        cccccccccc@x"),
	    "folding past the column");
	ok(fmt("To", "aaaaaaaaaa, bb, cc", false, 20,
	    "To: aaaaaaaaaa@x,\n        bb@x, cc@x"),
	    "a fold restarts the column at 8");
	ok(fmt("To", "aaaaaaaaaa, bbbbbbbbbb", false, 500,
	    "To: aaaaaaaaaa@x, bbbbbbbbbb@x"), "column capped at 78: no fold");
	ok(fmt("To", "\"unterminated, bob", false, 78, "To: \"unterminated, bob@x"),
	    "unbalanced quote");
	{
		struct hdr_list_opts o = { tt.ext, NULL, false, 78 };
		struct buf out = BUF_INIT;
		int calls = 0;

		ok(hdr_list_format(&o, "To", ")(<>>\\,\"(", add_x, &calls, &out) &&
		    strncmp(buf_cstr(&out), "To: ", 4) == 0, "junk: still a field");
		buf_fini(&out);
	}

	/* limits: too long, too many */
	{
		struct hdr_list_opts o = { tt.ext, NULL, false, 78 };
		struct buf v = BUF_INIT, out = BUF_INIT;
		int calls = 0;

		for (int i = 0; i < HDR_LIST_MAXADDRS + 1; i++)
			buf_puts(&v, "a,");
		ok(!hdr_list_format(&o, "To", buf_cstr(&v), add_x, &calls, &out) &&
		    calls <= HDR_LIST_MAXADDRS, "too many addresses: refused");
		buf_reset(&v);
		for (int i = 0; i < HDR_LIST_MAXVALUE + 1; i++)
			buf_addch(&v, 'a');
		calls = 0;
		ok(!hdr_list_format(&o, "To", buf_cstr(&v), add_x, &calls, &out) &&
		    calls == 0, "too long: refused");
		buf_fini(&v);
		buf_fini(&out);
	}
	return tap_done();
}
