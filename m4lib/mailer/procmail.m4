M4L_COMPONENT
PUSHDIVERT(-1)
dnl # MAILER(procmail): deliver through procmail (e.g. from a mailertable
dnl # entry "procmail:/etc/procmailrcs/file").  Needs the SMTP rulesets,
dnl # so MAILER(smtp) must come first.
dnl # Settings: PROCMAIL_MAILER_PATH (or PROCMAIL_PATH), PROCMAIL_MAILER_FLAGS,
dnl # PROCMAIL_MAILER_ARGS, PROCMAIL_MAILER_MAX, PROCMAIL_MAILER_QGRP.
ifdef(`_MAILER_smtp_', `',
	`_m4l_error(`MAILER(smtp) must come before MAILER(procmail)')')
ifdef(`PROCMAIL_MAILER_PATH', `',
	`define(`PROCMAIL_MAILER_PATH', ifdef(`PROCMAIL_PATH', `PROCMAIL_PATH', `/usr/local/bin/procmail'))')
_DEFIFNOT(`PROCMAIL_MAILER_FLAGS', `SPhnu9')
_DEFIFNOT(`PROCMAIL_MAILER_ARGS', `procmail -Y -m $h $f $u')
POPDIVERT
Mprocmail,	P=PROCMAIL_MAILER_PATH, F=_m4l_mflags(CONCAT(`DFM', PROCMAIL_MAILER_FLAGS), `PROCMAIL'), S=EnvFromSMTP/HdrFromSMTP, R=EnvToSMTP/HdrFromSMTP,
		ifdef(`PROCMAIL_MAILER_MAX', `M=PROCMAIL_MAILER_MAX, ')T=DNS/RFC822/X-Unix,ifelse(defn(`PROCMAIL_MAILER_QGRP'), `', `', ` Q=PROCMAIL_MAILER_QGRP,')
		A=PROCMAIL_MAILER_ARGS
