M4L_COMPONENT
divert(-1)
dnl # OSTYPE(nextstep): NeXTSTEP.
_DEFIFNOT(`UUCP_MAILER_PATH', `/usr/bin/uux')
_DEFIFNOT(`QUEUE_DIR', `/usr/spool/mqueue')
_DEFIFNOT(`LOCAL_SHELL_FLAGS', `euP')
define(`confEBINDIR', `/usr/lib')
