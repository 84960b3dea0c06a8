/*
 * deliver_local.c -- delivery through a mailer program (the local mailer,
 * prog, procmail, mail.local): P= is executed with A= expanded ($u user,
 * $h host, $f/$g sender), the message on its standard input.  The exit
 * status decides (sendmail's giveresponse): 0 sent, EX_TEMPFAIL and
 * friends retry, anything else fails; the first line of its output is
 * the diagnostic.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "deliver.h"
#include "map.h"
#include "xmem.h"

#define PROG_MAXARGS	64
#define PROG_OUTMAX	512

/* DefaultUser: "user", "uid", or "uid:gid"; 1:1 otherwise */
static void
default_user(const struct cf *cf, uid_t *uid, gid_t *gid)
{
	const char *v = cf->optv[OPT_DEFAULTUSER];
	struct passwd *pw;

	*uid = 1;
	*gid = 1;
	if (v == NULL || *v == '\0')
		return;
	char *copy = xstrdup(v), *colon = strchr(copy, ':');
	if (colon != NULL)
		*colon++ = '\0';
	if ((pw = getpwnam(copy)) != NULL) {
		*uid = pw->pw_uid;
		*gid = pw->pw_gid;
	} else
		*uid = (uid_t)strtoul(copy, NULL, 10);
	if (colon != NULL) {
		struct group *gr = getgrnam(colon);
		*gid = gr != NULL ? gr->gr_gid : (gid_t)strtoul(colon, NULL, 10);
	}
	free(copy);
}

static bool
temp_status(int st)
{
	return st == EX_TEMPFAIL || st == EX_OSERR || st == EX_IOERR ||
	    st == EX_CANTCREAT;
}

void
deliver_prog(struct mta *mta, const struct cf_mailer *m, const char *host,
    const char *user, struct q_env *e, FILE *df, struct dlv_result *r)
{
	char *argv[PROG_MAXARGS + 1];
	int argc = 0, in[2];
	FILE *ot = NULL;
	pid_t pid;

	if (m->path == NULL || m->argv == NULL || m->path[0] != '/') {
		snprintf(r->text, sizeof(r->text),
		    "554 5.3.5 mailer %s cannot be run (P=%s)", m->name,
		    m->path != NULL ? m->path : "");
		r->st = DLV_PERM;
		return;
	}
	rw_mactab_set(&mta->vm.envmac, 'u', user);
	rw_mactab_set(&mta->vm.envmac, 'h', host);
	for (char **a = m->argv; *a != NULL && argc < PROG_MAXARGS; a++) {
		struct buf v = BUF_INIT;
		rw_expand(&mta->vm.env, *a, &v, MAXLINE, NULL);
		argv[argc++] = buf_steal(&v);
	}
	argv[argc] = NULL;

	/* the mailer's output goes to a file: a chatty mailer cannot block */
	if ((ot = tmpfile()) == NULL || pipe(in) != 0) {
		snprintf(r->text, sizeof(r->text), "451 4.3.0 pipe: %s",
		    strerror(errno));
		r->st = DLV_TEMP;
		goto done;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		snprintf(r->text, sizeof(r->text), "451 4.3.0 fork: %s",
		    strerror(errno));
		r->st = DLV_TEMP;
		close(in[0]); close(in[1]);
		goto done;
	}
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(fileno(ot), 1);
		dup2(fileno(ot), 2);
		close(in[0]); close(in[1]);
		signal(SIGPIPE, SIG_DFL);
		if (geteuid() == 0) {
			uid_t uid;
			gid_t gid;
			default_user(&mta->cf, &uid, &gid);
			if (m->uid != CF_NO_UID && m->uid >= 0) {
				uid = (uid_t)m->uid;
				gid = m->gid >= 0 ? (gid_t)m->gid : gid;
			}
			/* F=S: keep root (mail.local, procmail need it) */
			if (!MAILER_HAS(m, 'S') || m->uid >= 0) {
				if (setgroups(0, NULL) != 0 || setgid(gid) != 0 ||
				    setuid(uid) != 0)
					_exit(EX_TEMPFAIL);
			}
		}
		const char *dir = m->execdir;
		if (dir != NULL && *dir == '/' && chdir(dir) != 0)
			(void)chdir("/");
		execv(m->path, argv);
		_exit(EX_TEMPFAIL);
	}
	close(in[0]);

	/* feed the message; the mailer may exit early (EPIPE) */
	void (*osig)(int) = signal(SIGPIPE, SIG_IGN);
	FILE *to = fdopen(in[1], "w");
	if (to != NULL) {
		deliver_writemsg(mta, m, e, df, to, false, "\n");
		fclose(to);
	} else
		close(in[1]);
	signal(SIGPIPE, osig);

	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		continue;
	char outb[PROG_OUTMAX + 1] = "";
	rewind(ot);
	if (fgets(outb, sizeof(outb), ot) == NULL)
		outb[0] = '\0';
	outb[strcspn(outb, "\r\n")] = '\0';
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		r->st = DLV_OK;
		snprintf(r->text, sizeof(r->text), "250 2.0.0 Sent");
	} else if (WIFEXITED(st)) {
		int x = WEXITSTATUS(st);
		r->st = temp_status(x) ? DLV_TEMP : DLV_PERM;
		if (outb[0] != '\0')
			snprintf(r->text, sizeof(r->text), "%s %s %.400s",
			    r->st == DLV_TEMP ? "451" : "554",
			    x == EX_NOUSER ? "5.1.1" : r->st == DLV_TEMP ?
			    "4.0.0" : "5.0.0", outb);
		else if (x == EX_NOUSER)
			snprintf(r->text, sizeof(r->text),
			    "550 5.1.1 %s... User unknown", user);
		else
			snprintf(r->text, sizeof(r->text),
			    "%s mailer %s exited with status %d",
			    r->st == DLV_TEMP ? "451 4.0.0" : "554 5.3.0",
			    m->name, x);
	} else {
		r->st = DLV_TEMP;
		snprintf(r->text, sizeof(r->text),
		    "451 4.0.0 mailer %s died with signal %d", m->name,
		    WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	}
done:
	if (ot != NULL)
		fclose(ot);
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	rw_mactab_set(&mta->vm.envmac, 'u', NULL);
}
