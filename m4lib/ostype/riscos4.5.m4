M4L_COMPONENT
divert(-1)
dnl # OSTYPE(riscos4.5): RISC/os 4.5.
_DEFIFNOT(`LOCAL_MAILER_ARGS', `rmail -d $u')
_DEFIFNOT(`QUEUE_DIR', `/usr/spool/mqueue')
define(`confEBINDIR', `/usr/lib')
