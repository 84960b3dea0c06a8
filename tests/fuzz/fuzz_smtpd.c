/*
 * fuzz_smtpd.c -- libFuzzer target: arbitrary bytes as what an SMTP
 * client sends to the server (runtime/smtp_server.c, smtp_server_run as
 * the daemon runs it for a remote peer): command lines, their arguments
 * and ESMTP parameters, the message after DATA.  The configuration is a
 * small .cf text written at start-up (rulesets 0 3 4 check_mail
 * check_rcpt, a local and an esmtp mailer), loaded afresh for every
 * input as each daemon child starts from the loaded one; QueueDirectory
 * is a private directory emptied after each input and DeliveryMode is
 * queue, so nothing forks and no mail goes anywhere.  The input arrives
 * through a pipe written before the session starts and then closed; the
 * replies go to /dev/null.  Must never crash.
 *
 * sendmail's deliberate waits are kept out without changing the server:
 * MaxNOOPCommands=0 and no BadRcptThrottle or DelayLA in the cf, and an
 * input is cut before the line that would make a HELO/EHLO or VRFY/EXPN
 * reply wait (the third of the one, the sixth of the other; see
 * too_often), and ETRN, which starts a queue run in a child, is refused
 * by PrivacyOptions=noetrn.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mta.h"
#include "smtp_server.h"

#define INPUT_MAX	65536	/* a pipe's buffer: written before reading */
#define MAX_HELO	2	/* too_often(..., 3, "HELO/EHLO", ...) */
#define MAX_VRFY	5	/* too_often(..., 6, "VRFY"/"EXPN", ...) */

static const char cf_text[] =
    "V10/Berkeley\n"
    "Cwlocalhost mx.fuzz.example\n"
    "Djmx.fuzz.example\n"
    "O DeliveryMode=queue\n"
    "O PrivacyOptions=noetrn\n"
    "O MaxNOOPCommands=0\n"
    "O MaxMessageSize=100000\n"
    "O MaxRecipientsPerMessage=20\n"
    "O AliasFile=/dev/null\n"
    "O ServiceSwitchFile=/dev/null\n"
    "O HostsFile=/dev/null\n"
    "O Timeout.command=5s\n"
    "S3\n"
    "R$@\t\t$@ <@>\n"
    "R$* < $* > $*\t$2\n"
    "R$+ @ $+\t$: $1 < @ $2 >\n"
    "S0\n"
    "R<@>\t\t$#local $: <>\n"
    "R$+ < @ $=w >\t$#local $: $1\n"
    "R$+ < @ $+ >\t$#esmtp $@ $2 $: $1 < @ $2 >\n"
    "R$+\t\t$#local $: $1\n"
    "S4\n"
    "R$* < @ $+ > $*\t$1 @ $2 $3\n"
    "Scheck_mail\n"
    "R$*\t\t$: $>3 $1\n"
    "R$* < @ reject.example > $*\t$#error $@ 5.7.1 $: \"550 Sender rejected\"\n"
    "Scheck_rcpt\n"
    "R$*\t\t$: $>3 $1\n"
    "R$* < @ $=w > $*\t$@ OK\n"
    "R$* < @ $+ > $*\t$#error $@ 5.7.1 $: \"550 Relaying denied\"\n"
    "Mlocal, P=/bin/true, F=lsDFMA5:/|@qSPmn9, S=0, R=0, A=true $u\n"
    "Mesmtp, P=[IPC], F=mDFMuXa, S=0, R=0, E=\\r\\n, L=990, A=TCP $h\n";

static char dir[64], cfpath[96], qdir[96], qopt[128];
static char *optv[1];
static struct mta_spec spec;
static struct smtp_peer peer;
static int devnull = -1;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* every file in the queue directory (data, control, temporary files) */
static void
empty_queue(void)
{
	DIR *d = opendir(qdir);
	struct dirent *de;
	char p[400];

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.') {
			snprintf(p, sizeof(p), "%s/%s", qdir, de->d_name);
			(void)unlink(p);
		}
	closedir(d);
}

/* a run leaves no directory behind (a crash does: the reproducer) */
static void
remove_dir(void)
{
	empty_queue();
	(void)rmdir(qdir);
	(void)unlink(cfpath);
	(void)rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	signal(SIGPIPE, SIG_IGN);
	/* the spool fsyncs every file: a tmpfs keeps that cheap */
	snprintf(dir, sizeof(dir), "/dev/shm/fuzz_smtpd.XXXXXX");
	if (mkdtemp(dir) == NULL) {
		snprintf(dir, sizeof(dir), "/tmp/fuzz_smtpd.XXXXXX");
		if (mkdtemp(dir) == NULL)
			abort();
	}
	snprintf(cfpath, sizeof(cfpath), "%s/fuzz.cf", dir);
	snprintf(qdir, sizeof(qdir), "%s/q", dir);
	snprintf(qopt, sizeof(qopt), " QueueDirectory=%s", qdir);
	FILE *f = fopen(cfpath, "w");
	if (f == NULL || fputs(cf_text, f) == EOF || fclose(f) != 0 ||
	    mkdir(qdir, 0700) != 0)
		abort();
	atexit(remove_dir);
	devnull = open("/dev/null", O_WRONLY);
	if (devnull < 0)
		abort();

	optv[0] = qopt;		/* as -OQueueDirectory=... */
	spec.cfpath = cfpath;
	spec.optv = optv;
	spec.nopt = 1;
	spec.mode = 'd';
	spec.opmode[0] = 'd';
	spec.privcopy = true;	/* as the daemon loads it */

	/* a remote client of the daemon, as daemon.c describes one */
	snprintf(peer.addr, sizeof(peer.addr), "192.0.2.1");
	snprintf(peer.name, sizeof(peer.name), "client.fuzz.example");
	snprintf(peer.port, sizeof(peer.port), "4321");
	peer.resolve = "OK";
	snprintf(peer.daemon_name, sizeof(peer.daemon_name), "MTA");
	snprintf(peer.daemon_addr, sizeof(peer.daemon_addr), "127.0.0.1");
	snprintf(peer.daemon_port, sizeof(peer.daemon_port), "25");
	peer.daemon_family = "inet";
	peer.client_rate = peer.total_rate = peer.client_conns = 1;
	return 0;
}

/* the command word of line p (n bytes): is it one of a and b? */
static int
is_cmd(const char *p, size_t n, const char *a, const char *b)
{
	while (n > 0 && (*p == ' ' || *p == '\t'))
		p++, n--;
	size_t w = 0;
	while (w < n && p[w] != ' ' && p[w] != '\t' && p[w] != '\r' &&
	    p[w] != '\n')
		w++;
	return (w == strlen(a) && strncasecmp(p, a, w) == 0) ||
	    (w == strlen(b) && strncasecmp(p, b, w) == 0);
}

/*
 * How much of the input to feed: up to the line that would be the
 * (MAX_HELO + 1)-th HELO/EHLO or the (MAX_VRFY + 1)-th VRFY/EXPN.  Any
 * line counts, message text included: cutting early is harmless.
 */
static size_t
feed_len(const uint8_t *data, size_t size)
{
	int nhelo = 0, nvrfy = 0;
	size_t off = 0;

	while (off < size) {
		const char *p = (const char *)data + off;
		const char *nl = memchr(p, '\n', size - off);
		size_t n = nl != NULL ? (size_t)(nl - p) + 1 : size - off;
		if ((is_cmd(p, n, "HELO", "EHLO") && ++nhelo > MAX_HELO) ||
		    (is_cmd(p, n, "VRFY", "EXPN") && ++nvrfy > MAX_VRFY))
			return off;
		off += n;
	}
	return size;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mta mta;
	char why[256];
	int fds[2];

	if (size > INPUT_MAX)
		size = INPUT_MAX;
	size = feed_len(data, size);
	if (pipe2(fds, O_CLOEXEC) != 0)
		abort();
	if (size > 0 && write(fds[1], data, size) != (ssize_t)size)
		abort();
	close(fds[1]);
	if (mta_load(&mta, &spec, why, sizeof(why)) != 0)
		abort();
	(void)smtp_server_run(&mta, fds[0], devnull, &peer, NULL);
	mta_unload(&mta);
	close(fds[0]);
	empty_queue();
	return 0;
}
