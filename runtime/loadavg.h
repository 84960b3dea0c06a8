/*
 * loadavg.h -- the load average options (sendmail's getla, shouldqueue,
 * refuseconnections, DelayLA): the one-minute load average of
 * getloadavg(3) rounded to an integer, as ${load_avg} shows it.
 *   QueueLA (default 8 per processor): at or above it a message whose
 *     priority exceeds QueueFactor / (LA - QueueLA + 1) is only queued;
 *   RefuseLA (default 12 per processor): at or above it the daemon closes
 *     its sockets (connections are refused) until the load falls;
 *   DelayLA (default off): at or above it the SMTP server sleeps a second
 *     before most commands and the daemon before each accept.
 * The per-daemon DaemonPortOptions keys queueLA, refuseLA, delayLA (the
 * caller passes them) replace the options when not 0.
 */
#ifndef RT_LOADAVG_H
#define RT_LOADAVG_H

#include <stdbool.h>

#include "cf.h"

/*
 * The current load average.  The test hook CFMTA_LOADAVG gives one
 * instead, or names a file holding it ("/..."), read each time; not
 * honoured set-id, like the other CFMTA_* hooks.
 */
int	la_current(void);

/* the options' values (their defaults from the number of processors) */
int	la_queuela(const struct cf *cf);
int	la_refusela(const struct cf *cf);
int	la_delayla(const struct cf *cf);

/* QueueLA: should a message of priority pri only be queued at load la? */
bool	la_shouldqueue(const struct cf *cf, int queuela, long pri, int la);

/* RefuseLA: refuse connections at load la (limit 0: the option's) */
bool	la_refuse(const struct cf *cf, int refusela, int la);

/* DelayLA: sleep a second if the load is at or above it (limit 0: the
 * option's); true if it slept */
bool	la_delay(const struct cf *cf, int delayla);

#endif /* RT_LOADAVG_H */
