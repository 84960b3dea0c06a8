M4L_COMPONENT
divert(-1)
dnl # OSTYPE(dgux): DG/UX.
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `m9')
define(`confTIME_ZONE', `USE_TZ')
define(`confEBINDIR', `/usr/lib')
LOCAL_CONFIG
E_FORCE_MAIL_LOCAL_=yes
divert(-1)
