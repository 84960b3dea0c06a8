/*
 * queue_run.c -- the queue runner (-q): select control files by queue id,
 * recipient or sender substring (-qI -qR -qS, negated with !), attempt
 * each; -q30m repeats in the background; -bp lists; mode_run dispatches
 * the MTA modes.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "deliver.h"
#include "loadavg.h"
#include "maillog.h"
#include "modes.h"
#include "queue_fs.h"
#include "queue_time.h"
#include "smtp_server.h"
#include "spool.h"
#include "xmem.h"

/* a -q interval ("30m", "1h30m"): only digits and time units */
static long
q_interval(const char *s)
{
	if (!isdigit((unsigned char)*s) ||
	    strspn(s, "0123456789smhdw") != strlen(s))
		return -1;
	return cf_convtime(s, 'm');
}

bool
mode_parse_q(struct mode_args *a, const char *arg)
{
	a->qflag = true;
	if (*arg == '\0')
		return true;
	if (*arg == '!') {
		a->qnegate = true;
		arg++;
	}
	if (*arg == 'I' || *arg == 'R' || *arg == 'S') {
		a->qsel = *arg;
		a->qarg = arg + 1;
		return true;
	}
	if (a->qnegate)
		return false;
	a->qinterval = q_interval(arg);
	return a->qinterval > 0;
}

static bool
contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay != '\0'; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return n == 0;
}

static bool
selected(const struct mode_args *sel, const char *qdir, const char *id)
{
	struct q_env e;
	char why[128];
	bool hit = false;

	if (sel == NULL || sel->qsel == 0)
		return true;
	if (sel->qsel == 'I')
		hit = contains(id, sel->qarg);
	else if (queue_qf_read(qdir, id, &e, false, why, sizeof(why))) {
		if (sel->qsel == 'S')
			hit = contains(e.sender, sel->qarg);
		else
			for (int i = 0; i < e.nrcpt && !hit; i++)
				hit = e.rcpt[i].stat == QR_PENDING &&
				    contains(e.rcpt[i].addr, sel->qarg);
		q_env_fini(&e);
	}
	return sel->qnegate ? !hit : hit;
}

/* the retry time is worked out from the options in force now, not
 * from the N record (queue_time.c: MinQueueAge, MaxQueueAge) */
static bool
due(const struct cf *cf, const char *qdir, const char *id, time_t now)
{
	struct q_env e;
	char why[128];
	bool d = true;

	if (queue_qf_read(qdir, id, &e, false, why, sizeof(why))) {
		d = qtime_nexttry(cf, &e) <= now;
		q_env_fini(&e);
	}
	return d;
}

int
queue_run(struct mta *mta, const struct mode_args *sel, bool due_only)
{
	const char *qdir = mta_qdir(&mta->cf);
	time_t now = time(NULL);
	int n, left = 0;
	char **ids;

	queue_recover(qdir);
	mta->qrun = true;
	ids = queue_list(qdir, &n);
	/* the messages this run takes: -v numbers them, as sendmail does
	 * (counted only then: each test reads a control file) */
	int njobs = 0, seq = 0;
	for (int i = 0; i < n && mta_verbose(mta); i++)
		if (selected(sel, qdir, ids[i]) &&
		    (!due_only || due(&mta->cf, qdir, ids[i], now)))
			njobs++;
	for (int i = 0; i < n; i++) {
		/* QueueLA: under load the run stops; the rest stays queued */
		int la = la_current();
		if (la >= la_queuela(&mta->cf) && la_shouldqueue(&mta->cf, 0,
		    queue_priority(qdir, ids[i]), la)) {
			maillog(ML_DONE, ML_INFO, ids[i], "queue run stopped: "
			    "load average: %d", la);
			for (; i < n; i++, left++)
				free(ids[i]);
			break;
		}
		if (selected(sel, qdir, ids[i]) &&
		    (!due_only || due(&mta->cf, qdir, ids[i], now))) {
			if (mta_verbose(mta)) {
				printf("\nRunning %s/%s (sequence %d of %d)\n",
				    qdir, ids[i], ++seq, njobs);
				fflush(stdout);
			}
			if (deliver_queued(mta, qdir, ids[i]) > 0)
				left++;
		}
		free(ids[i]);
	}
	free(ids);
	mta->qrun = false;
	return left;
}

static volatile sig_atomic_t stop;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

/* -q30m alone: a background queue runner, one run per interval */
static int
queue_daemon(struct mta *mta, const struct mode_args *a)
{
	pid_t pid = fork();

	if (pid < 0) {
		log_warn("fork");
		return EX_OSERR;
	}
	if (pid > 0)
		return EX_OK;
	(void)setsid();
	signal(SIGTERM, on_term);
	signal(SIGPIPE, SIG_IGN);
	while (!stop) {
		pid_t c = fork();
		if (c == 0) {
			(void)queue_run(mta, a, true);
			_exit(0);
		}
		if (c > 0)
			while (waitpid(c, NULL, 0) < 0 && errno == EINTR && !stop)
				continue;
		for (long t = 0; t < a->qinterval && !stop; t++)
			sleep(1);
	}
	_exit(0);
}

int
mode_run(struct mta *mta, struct mode_args *a)
{
	switch (a->mode) {
	case 's':
		return smtp_server_stdio(mta);
	case 'd':
	case 'D':
		return daemon_main(mta, a);
	case 'p':
		queue_print(mta_qdir(&mta->cf), stdout);
		return EX_OK;
	default:
		break;
	}
	if (a->qflag) {
		if (a->qinterval > 0)
			return queue_daemon(mta, a);
		/* like sendmail, MinQueueAge holds back a message tried too
		 * recently; a -qI/-qR/-qS selection takes what it names */
		(void)queue_run(mta, a, a->qsel == 0);
		return EX_OK;
	}
	return submit_main(mta, a);
}
