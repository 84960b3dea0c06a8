M4L_COMPONENT
divert(-1)
dnl # OSTYPE(dynix3.2): Sequent DYNIX 3.2.
_DEFIFNOT(`QUEUE_DIR', `/usr/spool/mqueue')
define(`confEBINDIR', `/usr/lib')
