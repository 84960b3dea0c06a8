M4L_COMPONENT
divert(-1)
dnl # OSTYPE(aix3): AIX 3.
_DEFIFNOT(`LOCAL_MAILER_PATH', `/bin/bellmail')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `mail $u')
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `mn9')
define(`confEBINDIR', `/usr/lib')
define(`confTIME_ZONE', `USE_TZ')
