M4L_COMPONENT
divert(-1)
dnl # OSTYPE(domainos): Apollo Domain/OS.
_DEFIFNOT(`QUEUE_DIR', `/usr/spool/mqueue')
define(`confEBINDIR', `/usr/lib')
