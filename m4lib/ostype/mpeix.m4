M4L_COMPONENT
divert(-1)
dnl # OSTYPE(mpeix): HP MPE/iX (tsmail delivers, SERVER.SENDMAIL runs it).
_DEFIFNOT(`LOCAL_MAILER_PATH', `/bin/tsmail')
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `mu9')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `tsmail $u')
_DEFIFNOT(`LOCAL_SHELL_PATH', `/bin/sh')
_DEFIFNOT(`confDEF_USER_ID', `SERVER.SENDMAIL')
_DEFIFNOT(`confTRUSTED_USER', `SERVER.SENDMAIL')
define(`confTIME_ZONE', `USE_TZ')
define(`confDONT_BLAME_SENDMAIL', `ForwardFileInGroupWritableDirPath')
