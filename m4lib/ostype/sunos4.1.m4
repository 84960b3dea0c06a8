M4L_COMPONENT
divert(-1)
dnl # OSTYPE(sunos4.1): SunOS 4.1.
define(`confEBINDIR', `/usr/lib')
