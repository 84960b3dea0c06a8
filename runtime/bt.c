/*
 * bt.c -- address test mode (-bt): sendmail's command language, with
 * its banner, prompts and messages byte for byte.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dbg.h"
#include "hdr.h"
#include "loadavg.h"
#include "map.h"
#include "mta.h"
#include "queue_fs.h"
#include "rw_print.h"
#include "xmem.h"

#define ISSPACE(c)	(isascii((unsigned char)(c)) && isspace((unsigned char)(c)))

static void
dump_class_word(void *arg, const char *w)
{
	(void)arg;
	printf("%s\n", w);
}

/*
 * "?": the "-bt" lines of the HelpFile, each with $ translated and
 * macros expanded, then "End of HELP info" (sendmail's help()).
 */
static void
help_bt(struct mta *mta)
{
	struct cf *cf = &mta->cf;
	const char *hf = cf->optv[OPT_HELPFILE];
	FILE *f;
	char line[MAXLINE];
	bool any = false;
	int hfvers = 0;

	if (hf == NULL || *hf == '\0' || (f = fopen(hf, "r")) == NULL) {
		printf("Sendmail %s -- HELP not implemented\n", "8.17.1.9");
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		struct buf tb = BUF_INIT, ex = BUF_INIT;
		char *p;

		if (line[0] == '#') {
			/* "#vers 2" files have $ macros in their text */
			if (hfvers == 0 && strncasecmp(line, "#vers", 5) == 0)
				hfvers = atoi(&line[5]);
			continue;
		}
		if (strncmp(line, "-bt", 3) != 0)
			continue;
		p = strchr(line, '\t');
		p = p == NULL ? line : p + 1;
		p[strcspn(p, "\r\n")] = '\0';
		if (hfvers >= 2) {
			rw_translate_dollars(&cf->mn, p, strlen(p), 0, &tb, NULL);
			rw_expand(&mta->vm.env, buf_cstr(&tb), &ex, MAXLINE, NULL);
			p = (char *)buf_cstr(&ex);
		}
		printf("%s\n", p);
		buf_fini(&tb);
		buf_fini(&ex);
		any = true;
	}
	fclose(f);
	if (!any)
		printf("HELP topic \"-bt\" unknown\n");
	else
		printf("End of HELP info\n");
}

static void
slash_command(struct mta *mta, char *line)
{
	struct cf *cf = &mta->cf;
	char *p, *q;

	p = &line[strlen(line)];
	while (--p >= line && ISSPACE(*p))
		*p = '\0';
	p = strpbrk(line, " \t");
	if (p != NULL) {
		while (ISSPACE(*p))
			*p++ = '\0';
	} else
		p = line + strlen(line);
	if (line[1] == '\0') {
		printf("Usage: /[canon|map|mx|parse|try|tryflags]\n");
		return;
	}
	if (strcasecmp(&line[1], "quit") == 0) {
		fflush(stdout);
		exit(mta->exitstat);
	}
	if (strcasecmp(&line[1], "mx") == 0) {
		if (*p == '\0') {
			printf("Usage: /mx address\n");
			return;
		}
		/* no resolver here: sendmail finds no MX and no fallback */
		printf("getmxrr(%s) returns %d value(s):\n", p, 0);
	} else if (strcasecmp(&line[1], "canon") == 0) {
		char host[MAXNAME + 1];
		int st;
		if (*p == '\0') {
			printf("Usage: /canon address\n");
			return;
		}
		if (strlen(p) >= sizeof(host)) {
			printf("Name too long\n");
			return;
		}
		snprintf(host, sizeof(host), "%s", p);
		(void)map_getcanonname(cf, host, sizeof(host), &st);
		printf("getcanonname(%s) returns %s\n", p, host);
	} else if (strcasecmp(&line[1], "map") == 0) {
		int rcode = EX_OK;
		char *av[2];
		if (*p == '\0') {
			printf("Usage: /map mapname key\n");
			return;
		}
		for (q = p; *q != '\0' && !ISSPACE(*q); q++)
			continue;
		if (*q == '\0') {
			printf("No key specified\n");
			return;
		}
		*q++ = '\0';
		struct cf_map *m = cf_findmap(cf, p);
		if (m == NULL) {
			printf("Map named \"%s\" not found\n", p);
			return;
		}
		if (!m->valid || !map_ensure_open(cf, m)) {
			printf("Map named \"%s\" not open\n", p);
			return;
		}
		printf("map_lookup: %s (%s) ", p, q);
		fflush(stdout);
		av[0] = q;
		av[1] = NULL;
		struct map_ctx ctx = { cf, &mta->vm.env, &mta->vm.envmac };
		char *r = m->cls->lookup(&ctx, m, q, av, &rcode);
		if (r == NULL)
			printf("no match (%d)\n", rcode);
		else
			printf("returns %s (%d)\n", r, rcode);
		free(r);
	} else if (strcasecmp(&line[1], "expand") == 0) {
		struct buf out = BUF_INIT, tb = BUF_INIT;
		if (*p == '\0') {
			printf("Usage: /expand string\n");
			return;
		}
		/* the text is expanded as typed (no $ translation), no newline */
		(void)tb;
		rw_expand(&mta->vm.env, p, &out, MAXLINE, &mta->vm.msgs);
		rw_xputs(stdout, &cf->mn, buf_cstr(&out));
		buf_fini(&out);
		buf_fini(&tb);
	} else if (strcasecmp(&line[1], "try") == 0) {
		int rcode = EX_OK;
		q = strpbrk(p, " \t");
		if (q != NULL)
			while (ISSPACE(*q))
				*q++ = '\0';
		if (q == NULL || *q == '\0') {
			printf("Usage: /try mailer address\n");
			return;
		}
		const struct cf_mailer *m = addr_findmailer(cf, p);
		if (m == NULL) {
			printf("Unknown mailer %s\n", p);
			return;
		}
		printf("Trying %s %s address %s for mailer %s\n",
		    (mta->tryflags & RF_HEADERADDR) ? "header" : "envelope",
		    (mta->tryflags & RF_SENDERADDR) ? "sender" : "recipient", q, p);
		char *r = addr_remotename(mta, q, m, mta->tryflags, &rcode);
		printf("Rcode = %d, addr = %s\n", rcode, r == NULL ? "<NULL>" : r);
		free(r);
	} else if (strcasecmp(&line[1], "tryflags") == 0) {
		char ex[4];
		if (*p == '\0') {
			printf("Usage: /tryflags [Hh|Ee][Ss|Rr]\n");
			return;
		}
		for (; *p != '\0'; p++) {
			switch (*p) {
			case 'H': case 'h': mta->tryflags |= RF_HEADERADDR; break;
			case 'E': case 'e': mta->tryflags &= ~RF_HEADERADDR; break;
			case 'S': case 's': mta->tryflags |= RF_SENDERADDR; break;
			case 'R': case 'r': mta->tryflags &= ~RF_SENDERADDR; break;
			}
		}
		ex[0] = (mta->tryflags & RF_HEADERADDR) ? 'h' : 'e';
		ex[1] = ' ';
		ex[2] = (mta->tryflags & RF_SENDERADDR) ? 's' : 'r';
		ex[3] = '\0';
		rw_mactab_set(&mta->vm.envmac, rw_macid_long(&cf->mn, "addr_type"), ex);
	} else if (strcasecmp(&line[1], "parse") == 0) {
		struct addr_result a;
		if (*p == '\0') {
			printf("Usage: /parse address\n");
			return;
		}
		char *cr = addr_crack(mta, p);
		printf("Cracked address = ");
		rw_xputs(stdout, &cf->mn, cr);
		free(cr);
		printf("\nParsing %s %s address\n",
		    (mta->tryflags & RF_HEADERADDR) ? "header" : "envelope",
		    (mta->tryflags & RF_SENDERADDR) ? "sender" : "recipient");
		fflush(stdout);
		if (!addr_parse(mta, p, mta->tryflags, &a))
			printf("Cannot parse\n");
		else if (a.host != NULL && a.host[0] != '\0')
			printf("mailer %s, host %s, user %s\n", a.mailer, a.host, a.user);
		else
			printf("mailer %s, user %s\n", a.mailer, a.user);
		free(a.mailer);
		free(a.host);
		free(a.user);
	} else
		printf("Unknown \"/\" command %s\n", line);
}

void
bt_line(struct mta *mta, char *line)
{
	struct cf *cf = &mta->cf;
	struct vm *vm = &mta->vm;
	char *p, *q;
	const char *ep;
	int mid, rs;

	while (*line == ' ')
		line++;
	vm_reset(vm);
	switch (line[0]) {
	case '#':
	case '\0':
		return;
	case '?':
		help_bt(mta);
		return;
	case '.':
		switch (line[1]) {
		case 'D': {
			struct buf tb = BUF_INIT;
			mid = rw_macid_parse(&cf->mn, &line[2], &ep, &vm->msgs);
			if (mid == 0)
				return;
			rw_translate_dollars(&cf->mn, ep, strlen(ep), cf->conflevel, &tb, &vm->msgs);
			rw_mactab_set(&vm->envmac, mid, buf_cstr(&tb));
			buf_fini(&tb);
			break;
		}
		case 'C': {
			struct buf tb = BUF_INIT, ex = BUF_INIT;
			if (line[2] == '\0')
				return;
			mid = rw_macid_parse(&cf->mn, &line[2], &ep, &vm->msgs);
			if (mid == 0)
				return;
			rw_translate_dollars(&cf->mn, ep, strlen(ep), cf->conflevel, &tb, &vm->msgs);
			rw_expand(&vm->env, buf_cstr(&tb), &ex, MAXLINE, &vm->msgs);
			char *s = xstrdup(buf_cstr(&ex));
			p = s;
			while (*p != '\0') {
				while (*p != '\0' && ISSPACE(*p))
					p++;
				char *wd = p;
				while (*p != '\0' && !ISSPACE(*p))
					p++;
				char d = *p;
				*p = '\0';
				if (wd[0] != '\0')
					cf_setclass(cf, mid, wd);
				*p = d;
			}
			free(s);
			buf_fini(&tb);
			buf_fini(&ex);
			break;
		}
		case '\0':
			printf("Usage: .[DC]macro value(s)\n");
			break;
		default:
			printf("Unknown \".\" command %s\n", line);
			break;
		}
		return;
	case '=':
		switch (line[1]) {
		case 'S': {
			rs = cf_strtorwset(cf, &line[2], NULL, CF_ST_FIND);
			if (rs < 0) {
				printf("Undefined ruleset %s\n", &line[2]);
				return;
			}
			struct cf_ruleset *set = &cf->rs[rs];
			for (int i = 0; i < set->n; i++) {
				char store[MAXLINE * 2];
				const char *av[MAXATOM + 1];
				putchar('R');
				vm_rule_tokens(&set->r[i], true, store, sizeof(store), av, MAXATOM + 1);
				for (int k = 0; av[k] != NULL; k++) {
					rw_xputs(stdout, &cf->mn, av[k]);
					putchar(' ');
				}
				putchar('\t');
				putchar('\t');
				vm_rule_tokens(&set->r[i], false, store, sizeof(store), av, MAXATOM + 1);
				for (int k = 0; av[k] != NULL; k++) {
					rw_xputs(stdout, &cf->mn, av[k]);
					putchar(' ');
				}
				putchar('\n');
			}
			break;
		}
		case 'M':
			for (int i = 0; i < MAXMAILERS; i++)
				if (cf->mailer[i] != NULL)
					cf_printmailer(cf, stdout, cf->mailer[i]);
			break;
		case '\0':
			printf("Usage: =Sruleset or =M\n");
			break;
		default:
			printf("Unknown \"=\" command %s\n", line);
			break;
		}
		return;
	case '-':
		switch (line[1]) {
		case 'd':
			dbg_parse(&line[2]);
			break;
		case '\0':
			printf("Usage: -d{debug arguments}\n");
			break;
		default:
			printf("Unknown \"-\" command %s\n", line);
			break;
		}
		return;
	case '$':
		if (line[1] == '=') {
			mid = rw_macid_parse(&cf->mn, &line[2], &ep, &vm->msgs);
			if (mid != 0)
				rw_class_dump(&cf->cls, mid, dump_class_word, NULL);
			return;
		}
		mid = rw_macid_parse(&cf->mn, &line[1], &ep, &vm->msgs);
		if (mid == 0)
			return;
		{
			const char *v = rw_macvalue(&vm->env, mid);
			if (v == NULL)
				printf("Undefined\n");
			else {
				rw_xputs(stdout, &cf->mn, v);
				printf("\n");
			}
		}
		return;
	case '/':
		slash_command(mta, line);
		fflush(stdout);
		return;
	}

	for (p = line; ISSPACE(*p); p++)
		continue;
	q = p;
	while (*p != '\0' && !ISSPACE(*p))
		p++;
	if (*p == '\0') {
		printf("No address!\n");
		return;
	}
	*p = '\0';
	if (addr_invalid(mta, p + 1, true))
		return;
	cf_freeze_tokens(cf);
	const char *delimptr;
	do {
		char *pvp[MAXATOM + 1];
		int n = vm_prescan(vm, ++p, ',', pvp, &delimptr,
		    tTd(23, 103) ? cf->tok.ext :
		    (cf->conflevel >= 9 ? cf->tok.noc : cf->tok.ext));
		if (n < 0) {
			p = (char *)delimptr;
			if (delimptr == NULL)
				break;
			continue;
		}
		char *rl = q;
		/* the tokens stay as they are from one ruleset to the next */
		vm->shown_keep = true;
		while (*rl != '\0') {
			int status;
			rs = cf_strtorwset(cf, rl, NULL, CF_ST_FIND);
			if (rs < 0) {
				printf("Undefined ruleset %s\n", rl);
				break;
			}
			status = vm_rewrite(vm, pvp, rs, 0, MAXATOM);
			if (status != EX_OK)
				printf("== Ruleset %s (%d) status %d\n", rl, rs, status);
			while (*rl != '\0' && *rl++ != ',')
				continue;
		}
		vm->shown_keep = false;
		p = (char *)delimptr;
	} while (p != NULL && *p != '\0');
}

/*
 * The next input line as fgets(buf, bufsz) would return it (at most
 * bufsz - 1 bytes, through the newline), read in large blocks straight
 * from the descriptor; NULL at the end.  A line that lies in the block
 * is returned where it is, its newline made a NUL; others are copied
 * into buf.  stdout is flushed only before a read that may wait:
 * whoever waits for an answer has it, without a write per line.
 */
static char *
bt_getline(int fd, char *buf, size_t bufsz)
{
	static char ib[64 * 1024];
	static size_t ipos, iend;
	static bool eof;
	size_t n = 0;

	if (ipos < iend) {
		size_t k = iend - ipos;
		if (k > bufsz - 1)
			k = bufsz - 1;
		char *line = ib + ipos, *nl = memchr(line, '\n', k);
		if (nl != NULL) {
			*nl = '\0';
			ipos += (size_t)(nl - line) + 1;
			return line;
		}
	}
	while (n < bufsz - 1) {
		if (ipos == iend) {
			ssize_t r;
			if (eof)
				break;
			fflush(stdout);
			do
				r = read(fd, ib, sizeof(ib));
			while (r < 0 && errno == EINTR);
			if (r <= 0) {
				eof = true;
				break;
			}
			ipos = 0;
			iend = (size_t)r;
		}
		/* up to the newline, the end of the block or of buf */
		size_t k = iend - ipos;
		if (k > bufsz - 1 - n)
			k = bufsz - 1 - n;
		const char *nl = memchr(ib + ipos, '\n', k);
		if (nl != NULL)
			k = (size_t)(nl - (ib + ipos)) + 1;
		memcpy(buf + n, ib + ipos, k);
		n += k;
		ipos += k;
		if (nl != NULL)
			break;
	}
	buf[n] = '\0';
	return n > 0 ? buf : NULL;
}

void
bt_run(struct mta *mta, FILE *in)
{
	char buf[MAXLINE], *line;
	int fd = fileno(in);

	/* as in sendmail, the envelope has a date ($b) and a queue id ($i) */
	char date[64];
	struct q_env e;
	hdr_arpadate(time(NULL), date, sizeof(date));
	rw_mactab_set(&mta->vm.envmac, 'b', date);
	q_env_init(&e);
	queue_newid(&e);
	rw_mactab_set(&mta->vm.envmac, 'i', e.id);
	q_env_fini(&e);
	char la[16];
	snprintf(la, sizeof(la), "%d", la_current());
	rw_mactab_set(&mta->vm.envmac, rw_macid_long(&mta->cf.mn, "load_avg"), la);
	printf("ADDRESS TEST MODE (ruleset 3 NOT automatically invoked)\n");
	printf("Enter <ruleset> <address>\n");
	for (;;) {
		/* (two putc: fputs costs a call, a strlen and a copy) */
		putc_unlocked('>', stdout);
		putc_unlocked(' ', stdout);
		if ((line = bt_getline(fd, buf, sizeof(buf))) == NULL) {
			char quit[] = "/quit";
			bt_line(mta, quit);
			return;
		}
		char *p = strchr(line, '\n');
		if (p != NULL)
			*p = '\0';
		bt_line(mta, line);
	}
}
