/*
 * cfmta.c -- cfmta entry point: sendmail's command line and dispatch to
 * the mode (-bt address test, -bv verify, the MTA modes); loading the
 * configuration is mta.c's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dbg.h"
#include "maillog.h"
#include "modes.h"
#include "spool.h"
#include "mta.h"
#include "xmem.h"

static struct mta M;

/* the value of flag argv[*ai] ("-Xvalue" or "-X value", which moves *ai
 * on), or NULL when there is none */
static const char *
flag_value(int argc, char **argv, int *ai)
{
	const char *a = argv[*ai];

	if (a[2] != '\0')
		return a + 2;
	return *ai + 1 < argc ? argv[++*ai] : NULL;
}

/* flag_value, or dflt without one */
static const char *
flag_value_or(int argc, char **argv, int *ai, const char *dflt)
{
	const char *v = flag_value(argc, argv, ai);

	return v != NULL ? v : dflt;
}

static void
usage(void)
{
	fprintf(stderr, "usage: cfmta [-bt|-bv|-bs|-bd|-bD|-bp|-bi|-bm] "
	    "[-C file.cfb] [-d flags] [-Oname=value] [-oXvalue] [-Ac|-Am]\n"
	    "             [-q[time|Iid|Rrcpt|Ssender]] [-t] [-f from] "
	    "[-F name] [-N dsn] [-R ret] [-V envid] [-B type]\n"
	    "             [-Mxvalue] [-pproto[:host]] [-n] [-L tag] [address ...]\n");
	exit(64);
}

/*
 * -N never|success,failure,delay, -R hdrs|full, -V envid: the DSN
 * parameters of a command-line submission, checked as sendmail checks
 * them (its words, on standard output; the caller exits 64)
 */
static bool
dsn_flag(struct mode_args *ma, int flag, const char *v)
{
	if (flag == 'N') {
		char *list = xstrdup(v), *save = NULL;
		int n = Q_NOTIFY_SET;
		bool never = false, ok = *v != '\0';
		for (char *w = strtok_r(list, ",", &save); w != NULL && ok;
		    w = strtok_r(NULL, ",", &save)) {
			if (strcasecmp(w, "never") == 0)
				never = true;
			else if (strcasecmp(w, "success") == 0)
				n |= Q_NOTIFY_SUCCESS;
			else if (strcasecmp(w, "failure") == 0)
				n |= Q_NOTIFY_FAILURE;
			else if (strcasecmp(w, "delay") == 0)
				n |= Q_NOTIFY_DELAY;
			else
				ok = false;
		}
		free(list);
		/* "never" stands alone */
		if (!ok || (never && n != Q_NOTIFY_SET)) {
			printf("Invalid -N argument\n");
			return false;
		}
		ma->notify = n;
		return true;
	}
	if (flag == 'R') {
		if (ma->ret != 0) {
			printf("Duplicate -R flag\n");
			return false;
		}
		if (strcasecmp(v, "hdrs") != 0 && strcasecmp(v, "full") != 0) {
			printf("Invalid -R value\n");
			return false;
		}
		ma->ret = (char)toupper((unsigned char)v[0]);
		return true;
	}
	if (!q_xtext_ok(v)) {
		printf("Invalid syntax in -V flag\n");
		return false;
	}
	ma->envid = v;
	return true;
}


int
main(int argc, char **argv)
{
	const char *cfpath = NULL;
	int mode = 0;	/* 't' test, 'v' verify */
	char **optv = NULL;
	int nopt = 0, nmac = 0;
	char **macv = NULL;
	bool submit = false, noalias = false, verbose = false;
	struct mode_args ma;	/* MTA modes (modes.h) */
	const char *logtag = NULL;	/* -L */

	memset(&ma, 0, sizeof(ma));
	if (strcmp(argv[0], "mailq") == 0 || (strlen(argv[0]) >= 6 &&
	    strcmp(argv[0] + strlen(argv[0]) - 6, "/mailq") == 0))
		mode = 'p';
	{
		const char *base = strrchr(argv[0], '/');
		base = base != NULL ? base + 1 : argv[0];
		if (strcmp(base, "newaliases") == 0)
			mode = 'i';
	}
	log_init("cfmta");

	int ai;
	for (ai = 1; ai < argc; ai++) {
		char *a = argv[ai];
		if (a[0] != '-')
			break;
		if (strcmp(a, "--") == 0)
			break;
		switch (a[1]) {
		case 'b':
			if (a[2] != '\0' && strchr("tvsdDpmi", a[2]) != NULL)
				mode = a[2];
			else
				usage();
			break;
		case 'C':
			cfpath = flag_value(argc, argv, &ai);
			if (cfpath == NULL)
				usage();
			break;
		case 'd':
			dbg_parse(a[2] ? a + 2 : "0-99.1");
			break;
		case 'M':	/* -Mxvalue: define macro x (as -oMxvalue) */
		case 'O':
		case 'o': {
			const char *v = flag_value(argc, argv, &ai);
			if (v == NULL)
				usage();
			if (a[1] == 'M' || (a[1] == 'o' && v[0] == 'M')) {
				macv = xreallocarray(macv, (size_t)nmac + 1,
				    sizeof(char *));
				macv[nmac++] = xstrdup(a[1] == 'M' ? v : v + 1);
				break;
			}
			optv = xreallocarray(optv, (size_t)nopt + 1, sizeof(char *));
			struct buf b = BUF_INIT;
			if (a[1] == 'O') {
				buf_addch(&b, ' ');
				buf_puts(&b, v);
			} else
				buf_puts(&b, v);
			optv[nopt++] = buf_steal(&b);
			break;
		}
		case 'A':
			submit = a[2] == 'c';
			break;
		case 'f': case 'r': case 'F': {	/* MTA modes: modes.h */
			const char *v = flag_value(argc, argv, &ai);
			if (v == NULL)
				usage();
			*(a[1] == 'F' ? &ma.fullname : &ma.from) = v;
			break;
		}
		case 't':
			ma.tflag = true;
			break;
		case 'n':	/* no aliasing (alias_expand.c) */
			noalias = true;
			break;
		case 'i':
			optv = xreallocarray(optv, (size_t)nopt + 1, sizeof(char *));
			optv[nopt++] = xstrdup("i");
			break;
		case 'q':
			if (!mode_parse_q(&ma, a + 2))
				usage();
			break;
		case 'L':	/* the syslog ident (maillog.h) */
			logtag = flag_value(argc, argv, &ai);
			if (logtag == NULL)
				usage();
			break;
		case 'B': {	/* the body type (RFC 1652) of a submission */
			const char *v = flag_value_or(argc, argv, &ai, "");
			if (strcasecmp(v, "7BIT") == 0)
				ma.body = "7BIT";
			else if (strcasecmp(v, "8BITMIME") == 0)
				ma.body = "8BITMIME";
			else	/* sendmail says so and goes on */
				printf("Illegal body type %s\n", v);
			break;
		}
		case 'N': case 'R': case 'V': {	/* RFC 3461 (submit.c) */
			const char *v = flag_value_or(argc, argv, &ai, "");
			if (!dsn_flag(&ma, a[1], v))
				return 64;
			break;
		}
		case 'p': {	/* -pprotocol[:host]: $r and $s (as -oMr, -oMs) */
			const char *v = flag_value(argc, argv, &ai);
			if (v == NULL)
				usage();
			const char *colon = strchr(v, ':');
			struct buf r = BUF_INIT;
			buf_addch(&r, 'r');
			buf_append(&r, v, colon != NULL ? (size_t)(colon - v) : strlen(v));
			macv = xreallocarray(macv, (size_t)nmac + 2, sizeof(char *));
			macv[nmac++] = buf_steal(&r);
			if (colon != NULL) {
				buf_addch(&r, 's');
				buf_puts(&r, colon + 1);
				macv[nmac++] = buf_steal(&r);
			}
			break;
		}
		case 'v':	/* deliveries shown (and done in the foreground) */
			verbose = true;
			break;
		case 'X': case 'h':	/* taken with their value, ignored */
			(void)flag_value(argc, argv, &ai);
			break;
		default:
			usage();
		}
	}
	int firstarg = ai;
	/* -v: what is submitted is delivered now, in the foreground (as
	 * sendmail does, whatever the cf's DeliveryMode), unless -od says */
	bool odgiven = false;
	for (int i = 0; i < nopt; i++)
		odgiven = odgiven || optv[i][0] == 'd' ||
		    strncasecmp(optv[i], " DeliveryMode", 13) == 0;
	if (verbose && !odgiven) {
		optv = xreallocarray(optv, (size_t)nopt + 1, sizeof(char *));
		optv[nopt++] = xstrdup("di");
	}
	if (mode == 't') {
		/* address test mode writes a lot: 64 KB per write (bt.c
		 * flushes before it reads input that may wait); nothing has
		 * been written yet */
		static char obuf[64 * 1024];
		setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	}
	if (cfpath == NULL)
		cfpath = submit ? "/etc/mail/submit.cfb" : "/etc/mail/sendmail.cfb";

	static struct mta_spec spec;
	spec.cfpath = cfpath;
	spec.optv = optv;
	spec.nopt = nopt;
	spec.macv = macv;
	spec.nmac = nmac;
	spec.noalias = noalias;
	spec.verbose = verbose;
	spec.mode = mode;
	spec.opmode[0] = (char)(mode != 0 ? mode : ma.qflag ? 'q' : 'm');
	spec.privcopy = mode == 'd' || mode == 'D' ||
	    (ma.qflag && ma.qinterval > 0);
	char why[256];
	int lr = mta_load(&M, &spec, why, sizeof(why));
	if (lr != 0) {
		if (lr == MTA_BADIMAGE)
			fprintf(stderr, "cfmta: %s: bad image (%s)\n", cfpath, why);
		return 78;
	}
	if (mode == 't') {
		bt_run(&M, stdin);
		return M.exitstat;
	}
	if (mode == 'i')
		return mta_newaliases(&M);
	if (mode == 'v') {
		if (firstarg < argc && strcmp(argv[firstarg], "--") == 0)
			firstarg++;
		if (firstarg >= argc) {
			printf("Recipient names must be specified\n");
			return 64;
		}
		return mta_verify(&M, argv + firstarg, argc - firstarg);
	}
	if (firstarg < argc && strcmp(argv[firstarg], "--") == 0)
		firstarg++;
	/* the MTA modes log (not -bt, -bv, -bi) */
	maillog_open(logtag, (int)mta_optlong(&M.cf, OPT_LOGLEVEL, 9));
	ma.mode = mode;
	ma.rcpts = argv + firstarg;
	ma.nrcpts = argc - firstarg;
	return mode_run(&M, &ma);
}
