/*
 * deliver_local.c -- delivery through a mailer program (the local mailer,
 * prog, procmail, mail.local): P= is executed with A= expanded ($u user,
 * $h host, $f/$g sender), the message on its standard input.  The exit
 * status decides (sendmail's giveresponse): 0 sent, EX_TEMPFAIL and
 * friends retry, anything else fails; the first line of its output is
 * the diagnostic.  The *file* mailer appends to a file (deliver_file).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "deliver.h"
#include "map.h"
#include "spool.h"
#include "xmem.h"

#define PROG_MAXARGS	64
#define PROG_OUTMAX	512

static bool
temp_status(int st)
{
	return st == EX_TEMPFAIL || st == EX_OSERR || st == EX_IOERR ||
	    st == EX_CANTCREAT;
}

/*
 * Who a mailer runs as: a program or file named in a .forward or an
 * :include: file runs as that file's owner (uid >= 0, not root); else
 * the mailer's U=, else DefaultUser.  F=S without U= keeps root.
 * Called in the child; false if the switch failed.
 */
static bool
become(struct mta *mta, const struct cf_mailer *m, long cuid, long cgid)
{
	uid_t uid;
	gid_t gid;

	if (geteuid() != 0)
		return true;
	mta_defaultuser(&mta->cf, &uid, &gid);
	if (cuid > 0) {
		uid = (uid_t)cuid;
		gid = cgid >= 0 ? (gid_t)cgid : gid;
	} else if (m->uid != CF_NO_UID && m->uid >= 0) {
		uid = (uid_t)m->uid;
		gid = m->gid >= 0 ? (gid_t)m->gid : gid;
	} else if (MAILER_HAS(m, 'S'))
		return true;	/* mail.local, procmail need root */
	return setgroups(0, NULL) == 0 && setgid(gid) == 0 && setuid(uid) == 0;
}

/*
 * A built-in smrsh for a cf with FEATURE(smrsh) on a host without
 * sendmail's smrsh binary (P= names a file called smrsh that is not
 * there): "smrsh -c command" runs command only if its program is in the
 * restricted directory (/etc/mail/smrsh, Debian's; the test hook
 * CFMTA_SMRSH_DIR names another, not honoured set-id) and the command
 * has no shell metacharacter.  Runs in the mailer's child; never returns.
 */
#define SMRSH_DIR	"/etc/mail/smrsh"
#define SMRSH_SPECIALS	"<|>^();&`$\r\n"

static void
smrsh_exec(char **argv)
{
	const char *dir = getenv("CFMTA_SMRSH_DIR");

	if (dir == NULL || *dir == '\0' || getuid() != geteuid() ||
	    getgid() != getegid())
		dir = SMRSH_DIR;
	if (argv[1] == NULL || strcmp(argv[1], "-c") != 0 || argv[2] == NULL) {
		printf("smrsh: usage: smrsh -c command\n");
		fflush(stdout);
		_exit(EX_USAGE);
	}
	const char *cmd = argv[2];
	for (const char *c = cmd; *c != '\0'; c++)
		if (strchr(SMRSH_SPECIALS, *c) != NULL) {
			printf("smrsh: cannot use '%c' in a command\n", *c);
			fflush(stdout);
			_exit(EX_UNAVAILABLE);
		}
	while (*cmd == ' ' || *cmd == '\t')
		cmd++;
	if (strncmp(cmd, "exec ", 5) == 0)
		cmd += 5;
	while (*cmd == ' ' || *cmd == '\t')
		cmd++;
	size_t n = strcspn(cmd, " \t");
	/* only the program's name counts: its directory is ours */
	const char *prog = cmd;
	for (const char *c = cmd; c < cmd + n; c++)
		if (*c == '/')
			prog = c + 1;
	struct buf path = BUF_INIT, line = BUF_INIT;
	buf_printf(&path, "%s/%.*s", dir, (int)(cmd + n - prog), prog);
	struct stat st;
	if (prog == cmd + n || stat(path.s, &st) != 0 || !S_ISREG(st.st_mode) ||
	    access(path.s, X_OK) != 0) {
		printf("smrsh: \"%.*s\" not available for sendmail programs\n",
		    (int)(cmd + n - prog), prog);
		fflush(stdout);
		_exit(EX_UNAVAILABLE);
	}
	buf_printf(&line, "%s%s", path.s, cmd + n);
	fflush(stdout);
	execl("/bin/sh", "sh", "-c", line.s, (char *)NULL);
	_exit(EX_TEMPFAIL);
}

void
deliver_prog(struct mta *mta, const struct cf_mailer *m, const char *host,
    const char *user, long cuid, long cgid, struct q_env *e, FILE *df,
    struct dlv_result *r)
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
	/* "|command" from an alias: the prog mailer gets the command */
	if (strcasecmp(m->name, "prog") == 0 && *user == '|')
		user++;
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
		if (!become(mta, m, cuid, cgid))
			_exit(EX_TEMPFAIL);
		const char *dir = m->execdir;
		if (dir != NULL && *dir == '/' && chdir(dir) != 0)
			(void)chdir("/");
		const char *base = strrchr(m->path, '/');
		if (strcmp(base != NULL ? base + 1 : m->path, "smrsh") == 0 &&
		    access(m->path, X_OK) != 0)
			smrsh_exec(argv);
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

/*
 * sendmail's mailfile: append "From sender date", the message and a
 * blank line to path under an exclusive lock, in a child running as the
 * controlling user (or DefaultUser).  A write error truncates the file
 * back to its old size.
 */
void
deliver_file(struct mta *mta, const struct cf_mailer *m, const char *path,
    long cuid, long cgid, struct q_env *e, FILE *df, struct dlv_result *r)
{
	pid_t pid;
	int st;

	if (*path != '/') {
		r->st = DLV_PERM;
		snprintf(r->text, sizeof(r->text),
		    "554 5.3.0 %s... not an absolute path", path);
		return;
	}
	fflush(NULL);
	if ((pid = fork()) < 0) {
		r->st = DLV_TEMP;
		snprintf(r->text, sizeof(r->text), "451 4.3.0 fork: %s",
		    strerror(errno));
		return;
	}
	if (pid == 0) {
		if (!become(mta, m, cuid, cgid))
			_exit(EX_TEMPFAIL);
		int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW,
		    0600);
		if (fd < 0)
			_exit(errno == EACCES || errno == ENOENT ? EX_CANTCREAT :
			    EX_TEMPFAIL);
		struct stat sb;
		if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))
			_exit(EX_CANTCREAT);
		if (flock(fd, LOCK_EX) != 0)
			_exit(EX_TEMPFAIL);
		off_t old = lseek(fd, 0, SEEK_END);
		FILE *out = fdopen(fd, "a");
		if (out == NULL)
			_exit(EX_TEMPFAIL);
		const char *g = rw_macvalue(&mta->vm.env, 'g');
		time_t now = time(NULL);
		char date[64];
		strftime(date, sizeof(date), "%a %b %e %H:%M:%S %Y",
		    localtime(&now));
		fprintf(out, "From %s  %s\n", g != NULL && *g ? g :
		    "MAILER-DAEMON", date);
		deliver_writemsg(mta, m, e, df, out, false, "\n");
		fputc('\n', out);
		if (fflush(out) != 0 || fsync(fd) != 0) {
			if (ftruncate(fd, old) != 0)
				_exit(EX_IOERR);
			_exit(EX_IOERR);
		}
		_exit(0);
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		continue;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		r->st = DLV_OK;
		snprintf(r->text, sizeof(r->text), "250 2.0.0 Sent");
	} else if (WIFEXITED(st) && WEXITSTATUS(st) == EX_CANTCREAT) {
		r->st = DLV_PERM;
		snprintf(r->text, sizeof(r->text),
		    "550 5.2.0 %s... Cannot open file", path);
	} else {
		r->st = DLV_TEMP;
		snprintf(r->text, sizeof(r->text),
		    "451 4.2.0 %s... cannot write file", path);
	}
}
