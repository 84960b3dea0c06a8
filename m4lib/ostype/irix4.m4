M4L_COMPONENT
divert(-1)
dnl # OSTYPE(irix4): IRIX 4.
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `Ehm9')
_DEFIFNOT(`QUEUE_DIR', `/usr/spool/mqueue')
define(`confEBINDIR', `/usr/lib')
