M4L_COMPONENT
divert(-1)
dnl # OSTYPE(ptx2): Sequent DYNIX/ptx 2.
_DEFIFNOT(`QUEUE_DIR', `/usr/spool/mqueue')
define(`LOCAL_MAILER_PATH', `/bin/mail')
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `fmn9')
define(`LOCAL_SHELL_FLAGS', `eu')
define(`confEBINDIR', `/usr/lib')
