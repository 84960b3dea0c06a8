/*
 * map_prog.c -- the program class: run the map's program with its K-line
 * arguments and the key, take the first line of its output, and use its
 * exit status as the lookup status (sendmail's prog_map_lookup).  The
 * program runs without a shell, with stdin from /dev/null, no other
 * descriptors, and a bounded read; a program that will not finish is
 * killed after PROG_TIMEOUT seconds.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dbg.h"
#include "map_impl.h"
#include "xmem.h"

#define MAXPV		40
#define PROG_TIMEOUT	60

static pid_t
prog_start(char **argv, int *fdp)
{
	int pfd[2];
	pid_t pid;

	if (pipe(pfd) < 0)
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		int e = errno;
		close(pfd[0]);
		close(pfd[1]);
		errno = e;
		return -1;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDWR);
		if (nul < 0 || dup2(nul, 0) < 0 || dup2(pfd[1], 1) < 0)
			_exit(EX_OSERR);
		long maxfd = sysconf(_SC_OPEN_MAX);
		for (int fd = 3; fd < (maxfd > 0 && maxfd < 4096 ? maxfd : 4096); fd++)
			close(fd);
		execv(argv[0], argv);
		_exit(EX_CONFIG);
	}
	close(pfd[1]);
	*fdp = pfd[0];
	return pid;
}

char *
prog_lookup(struct map_ctx *ctx, struct cf_map *m, const char *name,
    char **av, int *statp)
{
	char *argv[MAXPV + 1], args[MAXLINE], buf[MAXLINE];
	char *rval = NULL, *save;
	size_t got = 0;
	int i = 0, fd, status;
	pid_t pid;
	time_t deadline = time(NULL) + PROG_TIMEOUT;
	bool killed = false;

	if (tTd(38, 20))
		dbg_printf("prog_map_lookup(%s, %s) %s\n", m->name, name, m->file);
	argv[i++] = m->file;
	if (m->domain != NULL) {
		snprintf(args, sizeof(args), "%s", m->domain);
		for (char *p = strtok_r(args, " \t", &save); p != NULL;
		    p = strtok_r(NULL, " \t", &save)) {
			if (i >= MAXPV - 1)
				break;
			argv[i++] = p;
		}
	}
	argv[i++] = (char *)name;
	argv[i] = NULL;
	if (tTd(38, 21)) {
		dbg_printf("prog_open:");
		for (i = 0; argv[i] != NULL; i++)
			dbg_printf(" %s", argv[i]);
		dbg_printf("\n");
	}
	pid = prog_start(argv, &fd);
	if (pid < 0) {
		if (!(m->mflags & MF_OPTIONAL))
			map_syserr(ctx->cf, 0, "prog_map_lookup(%s) failed (%s) -- closing",
			    m->name, strerror(errno));
		m->valid = false;
		*statp = EX_OSFILE;
		return NULL;
	}
	/* read everything (the first line is the answer), within the deadline */
	for (;;) {
		struct pollfd pf = { fd, POLLIN, 0 };
		int left = (int)(deadline - time(NULL));
		if (left <= 0 || poll(&pf, 1, left * 1000) <= 0) {
			kill(pid, SIGKILL);
			killed = true;
			break;
		}
		char chunk[1024];
		ssize_t n = read(fd, got < sizeof(buf) - 1 ? buf + got : chunk,
		    got < sizeof(buf) - 1 ? sizeof(buf) - 1 - got : sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (got < sizeof(buf) - 1)
			got += (size_t)n;
	}
	close(fd);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		continue;
	buf[got] = '\0';
	if (got == 0) {
		if (tTd(38, 20))
			dbg_printf("prog_map_lookup(%s): empty answer\n", m->name);
	} else {
		char *nl = strchr(buf, '\n');
		if (nl != NULL)
			*nl = '\0';
		if (m->mflags & MF_MATCHONLY)
			rval = map_rewrite(m, name, strlen(name), NULL);
		else
			rval = map_rewrite(m, buf, strlen(buf), av);
	}
	if (!killed && WIFEXITED(status)) {
		if ((*statp = WEXITSTATUS(status)) != EX_OK) {
			free(rval);
			rval = NULL;
		}
	} else {
		map_syserr(ctx->cf, 0, "prog_map_lookup(%s): child died on signal %d",
		    m->name, killed ? SIGKILL : status);
		*statp = EX_UNAVAILABLE;
		free(rval);
		rval = NULL;
	}
	return rval;
}
