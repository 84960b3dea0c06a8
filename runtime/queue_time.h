/*
 * queue_time.h -- how long a message may stay in the queue, decided as
 * sendmail 8.17 decides it: the timeout class (Precedence:, Priority:,
 * DSN), Timeout.queuereturn and Timeout.queuewarn per class, the one
 * delay DSN, RFC 2852 deliver-by deadlines, and when a queue runner
 * tries a deferred message again (MinQueueAge, MaxQueueAge).
 */
#ifndef RT_QUEUE_TIME_H
#define RT_QUEUE_TIME_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "mta.h"
#include "queue_fs.h"

/* sendmail's timeout classes (the Timeout.queue*.CLASS suffixes) */
enum qt_class {
	QT_NORMAL,		/* precedence 0 */
	QT_URGENT,		/* precedence > 0, or "Priority: urgent" */
	QT_NONURGENT,		/* precedence < 0, or "Priority: non-urgent" */
	QT_DSN			/* a DSN (without a Priority: header) */
};

struct qt_info {
	enum qt_class	 cls;
	int		 prec;		/* Precedence: through the cf's P lines */
	long		 qreturn;	/* Timeout.queuereturn[.class], seconds */
	long		 qwarn;		/* Timeout.queuewarn[.class]; 0: never */
};

/* the class and timeouts of e; df (rewound afterwards) gives the headers */
void	qtime_classify(struct mta *mta, const struct q_env *e, FILE *df,
	    struct qt_info *qi);

/* sendmail's pintvl: "4 hours", "1 day, 2 hours", "0 seconds" */
void	qtime_interval(long secs, struct buf *out);
/* the class of a header block: its Precedence: as the P lines value it */
int	qtime_precedence(const struct cf *cf, const char *hdrs);

/*
 * BY=n;R whose deadline has passed: true, with the recipients' status
 * text in diag ("5.4.7 Delivery time (60s) expired").
 */
bool	qtime_by_expired(const struct q_env *e, time_t now, char *diag,
	    size_t sz);

/*
 * After an attempt that left recipients pending: past queuereturn they
 * fail (returns how many; the bounce is the caller's), else past
 * queuewarn -- or past a BY=n;N deadline -- the one delay DSN goes to
 * the sender for the recipients whose NOTIFY allows DELAY.
 */
int	qtime_after_attempt(struct mta *mta, const char *qdir, struct q_env *e,
	    const struct qt_info *qi, time_t now);

/* when a queue runner should try e again (MinQueueAge, MaxQueueAge) */
time_t	qtime_nexttry(const struct cf *cf, const struct q_env *e);

/* the SMTP server's DeliverByMin: < 0 not offered, 0 no minimum */
long	qtime_deliverby_min(const struct cf *cf);

#endif /* RT_QUEUE_TIME_H */
