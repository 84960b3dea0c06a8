M4L_COMPONENT
divert(-1)
dnl # OSTYPE(sunos3.5): SunOS 3.5.
define(`confEBINDIR', `/usr/lib')
