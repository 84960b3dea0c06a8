M4L_COMPONENT
divert(-1)
dnl # OSTYPE(amdahl-uts): Amdahl UTS.
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `fSn9')
define(`confEBINDIR', `/usr/lib')
