M4L_COMPONENT
divert(-1)
dnl # OSTYPE(ultrix4): Ultrix 4.
define(`confEBINDIR', `/usr/lib')
