/*
 * fuzz_qf.c -- libFuzzer target: arbitrary bytes as a queue control file
 * (runtime/queue_fs.c: "<tag><len>:<bytes>\n" records and what each
 * record's value holds: recipients, NOTIFY, ORCPT, W deliver-by, C and P
 * expansion fields, macros).  The input is written as qfFUZZ in a
 * private directory and read back as a queue run does (locked); what it
 * accepts goes through what the runtime derives from a control file
 * (priority, deliver-by expiry, xtext, mailq's listing) and must survive
 * a write and a second read unchanged.  Must never crash.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "queue_fs.h"
#include "queue_time.h"

static char qdir[64];
static FILE *devnull;

static void clean(void);

/* a run leaves no directory behind (a crash does: the reproducer) */
static void
remove_qdir(void)
{
	clean();
	(void)rmdir(qdir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* fsync is the writer's cost: a tmpfs keeps the round trip fast */
	snprintf(qdir, sizeof(qdir), "/dev/shm/fuzz_qf.XXXXXX");
	if (mkdtemp(qdir) == NULL) {
		snprintf(qdir, sizeof(qdir), "/tmp/fuzz_qf.XXXXXX");
		if (mkdtemp(qdir) == NULL)
			abort();
	}
	devnull = fopen("/dev/null", "w");
	if (devnull == NULL)
		abort();
	atexit(remove_qdir);
	return 0;
}

/* every file of the directory, so each input starts from an empty one */
static void
clean(void)
{
	int n;
	char **ids = queue_list(qdir, &n);
	struct buf p = BUF_INIT;

	for (int i = 0; i < n; i++) {
		buf_reset(&p);
		buf_printf(&p, "%s/qf%s", qdir, ids[i]);
		(void)unlink(buf_cstr(&p));
		free(ids[i]);
	}
	free(ids);
	buf_fini(&p);
	queue_recover(qdir);	/* tf files nobody holds */
}

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* what a write and a read must keep of a control file */
static void
compare(const struct q_env *a, const struct q_env *b)
{
	if (strcmp(a->id, b->id) != 0 || !same(a->sender, b->sender) ||
	    !same(a->fullname, b->fullname) || !same(a->body, b->body) ||
	    !same(a->errmsg, b->errmsg) || !same(a->envid, b->envid) ||
	    !same(a->authparam, b->authparam) || a->ret != b->ret ||
	    a->ctime != b->ctime || a->lasttry != b->lasttry ||
	    a->nexttry != b->nexttry || a->ntries != b->ntries ||
	    a->size != b->size || a->isbounce != b->isbounce ||
	    a->isdouble != b->isdouble || a->senderbare != b->senderbare ||
	    a->warned != b->warned || a->dlvbymode != b->dlvbymode ||
	    (a->dlvbymode != 0 && (a->dlvby != b->dlvby ||
	    a->dlvbytrace != b->dlvbytrace)) ||
	    a->nmacro != b->nmacro || a->nrcpt != b->nrcpt)
		abort();
	for (int i = 0; i < a->nmacro; i++)
		if (strcmp(a->macro[i], b->macro[i]) != 0)
			abort();
	for (int i = 0; i < a->nrcpt; i++) {
		const struct q_rcpt *x = &a->rcpt[i], *y = &b->rcpt[i];
		if (strcmp(x->addr, y->addr) != 0 || x->stat != y->stat ||
		    !same(x->diag, y->diag) || x->notify != y->notify ||
		    !same(x->orcpt, y->orcpt) || !same(x->mailer, y->mailer) ||
		    !same(x->host, y->host) || !same(x->user, y->user) ||
		    !same(x->owner, y->owner) || !same(x->parent, y->parent) ||
		    !same(x->top, y->top) ||
		    (x->mailer != NULL && (x->uid != y->uid || x->gid != y->gid)))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf p = BUF_INIT;
	struct q_env e, e2;
	char why[256], diag[128];

	clean();
	buf_printf(&p, "%s/qfFUZZ", qdir);
	int fd = open(buf_cstr(&p), O_WRONLY | O_CREAT | O_TRUNC, 0600);
	buf_fini(&p);
	if (fd < 0)
		abort();
	if (size > 0 && write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);

	if (!queue_qf_read(qdir, "FUZZ", &e, true, why, sizeof(why))) {
		if (why[0] == '\0' || e.rcpt != NULL || e.sender != NULL)
			abort();
		return 0;
	}
	if (e.sender == NULL || e.id[0] == '\0' || e.nrcpt > Q_MAXRCPT ||
	    e.nmacro > Q_MAXMACROS || e.lockfd < 0)
		abort();
	for (int i = 0; i < e.nrcpt; i++)
		if (e.rcpt[i].stat == 0 || strchr("PSFBX", e.rcpt[i].stat) == NULL)
			abort();
	(void)q_env_priority(&e);
	(void)qtime_by_expired(&e, time(NULL), diag, sizeof(diag));
	(void)q_env_macro(&e, "{client_addr}");
	if (e.envid != NULL && q_xtext_ok(e.envid)) {
		struct buf x = BUF_INIT;
		q_xtext_decode(e.envid, &x);
		buf_fini(&x);
	}
	(void)queue_print(qdir, devnull);

	/* the queue runner writes back what it read (under the id of its
	 * I record, which may name another file than qfFUZZ) */
	if (!queue_qf_write(qdir, &e))
		abort();
	if (!queue_qf_read(qdir, e.id, &e2, false, why, sizeof(why)))
		abort();
	compare(&e, &e2);
	q_env_fini(&e2);
	q_env_fini(&e);
	return 0;
}
