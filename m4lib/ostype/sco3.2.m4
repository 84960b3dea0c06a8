M4L_COMPONENT
divert(-1)
dnl # OSTYPE(sco3.2): SCO UNIX 3.2.
_DEFIFNOT(`QUEUE_DIR', `/usr/spool/mqueue')
_DEFIFNOT(`UUCP_MAILER_PATH', `/usr/bin/uux')
_DEFIFNOT(`LOCAL_MAILER_PATH', `/usr/bin/lmail')
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `PuhCE9')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `lmail $u')
_DEFIFNOT(`LOCAL_SHELL_FLAGS', `Peu')
define(`confEBINDIR', `/usr/lib')
