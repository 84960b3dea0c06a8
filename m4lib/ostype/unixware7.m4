M4L_COMPONENT
divert(-1)
dnl # OSTYPE(unixware7): UnixWare 7.
_DEFIFNOT(`QUEUE_DIR', `/var/spool/mqueue')
define(`confEBINDIR', `/usr/lib')
define(`confTIME_ZONE', `USE_TZ')
_DEFIFNOT(`LOCAL_MAILER_PATH', `/etc/mail/slocal')
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `Puho9')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `slocal -user $u')
_DEFIFNOT(`LOCAL_SHELL_FLAGS', `Peu')
