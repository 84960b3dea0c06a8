M4L_COMPONENT
divert(-1)
dnl # OSTYPE(aix4): AIX 4.
_DEFIFNOT(`LOCAL_MAILER_PATH', `/bin/bellmail')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `mail -F $g $u')
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `mn9')
define(`confEBINDIR', `/usr/lib')
define(`confTIME_ZONE', `USE_TZ')
