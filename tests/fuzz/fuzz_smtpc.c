/*
 * fuzz_smtpc.c -- libFuzzer target: arbitrary bytes as what a next hop
 * says to the SMTP client (runtime/smtp_client.c): the greeting and the
 * EHLO reply through smtpc_hello (its extension keywords), then a
 * transaction's commands through smtpc_cmd and the rest through
 * smtpc_reply until the stream ends.  The input is the server side of
 * a socketpair, written before the conversation starts and shut down
 * for writing, so every read ends at its end: no network, no waiting.
 * Must never crash; every code is -1 or 100..599, every reply text one
 * bounded line.
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "smtp_client.h"

/* larger inputs are cut: the whole input must fit in the socket buffer
 * before the client reads a byte (nobody else writes it) */
#define INPUT_MAX	65536
/* smtp_client.c's REPLY_MAXLINE: the longest reply line kept */
#define LINE_MAX_KEPT	2048

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* as the delivery agent does: a vanished peer is an error, not a
	 * signal */
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static void
check(int code, const struct buf *text)
{
	if (code != -1 && (code < 100 || code > 599))
		abort();
	if (text->len > LINE_MAX_KEPT ||
	    (text->len > 0 && memchr(text->s, '\n', text->len) != NULL))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const cmds[] = {
		"MAIL From:<sender@fuzz.example> SIZE=100",
		"RCPT To:<rcpt@fuzz.example>",
		"DATA",
		".",
		"QUIT",
	};
	struct smtp_conn c;
	struct buf text = BUF_INIT;
	int sv[2], code;

	if (size > INPUT_MAX)
		size = INPUT_MAX;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		abort();
	size_t off = 0;
	while (off < size) {
		ssize_t n = write(sv[1], data + off, size - off);
		if (n <= 0)
			abort();
		off += (size_t)n;
	}
	/* the client reads end of file after the input; what it writes
	 * still lands in sv[1]'s (unread) buffer */
	(void)shutdown(sv[1], SHUT_WR);

	/* what smtpc_connect sets up once connected; the timeouts only
	 * matter if a read could wait, which it cannot here */
	memset(&c, 0, sizeof(c));
	c.fd = sv[0];
	c.tmo.initial = c.tmo.helo = c.tmo.starttls = c.tmo.mail = 1;
	c.tmo.rcpt = c.tmo.datainit = c.tmo.datablock = c.tmo.datafinal = 1;
	c.tmo.rset = c.tmo.quit = 1;
	sio_init(&c.io, c.fd, c.fd, 1000);

	code = smtpc_hello(&c, "client.fuzz.example", NULL, NULL, &text);
	check(code, &text);
	if (c.pipelining)	/* queued, sent with the next command */
		smtpc_send(&c, "RSET");
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]) && code != -1;
	    i++) {
		code = smtpc_cmd(&c, &text, "%s", cmds[i]);
		check(code, &text);
	}
	/* whatever is left: one reply after another until garbage or EOF
	 * (each consumes at least a line, so this ends) */
	while (code != -1) {
		code = smtpc_reply(&c, &text);
		check(code, &text);
	}
	smtpc_close(&c);
	close(sv[1]);
	buf_fini(&text);
	return 0;
}
