M4L_COMPONENT
divert(-1)
dnl # OSTYPE(a-ux): Apple A/UX.
_DEFIFNOT(`QUEUE_DIR', `/usr/spool/mqueue')
_DEFIFNOT(`UUCP_MAILER_PATH', `/usr/bin/uux')
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `mn9')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `mail -d -r $f $u')
define(`confEBINDIR', `/usr/lib')
