M4L_COMPONENT
divert(-1)
dnl # OSTYPE(hpux9): HP-UX 9.
_DEFIFNOT(`QUEUE_DIR', `/usr/spool/mqueue')
_DEFIFNOT(`LOCAL_MAILER_PATH', `/bin/rmail')
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `m9')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `rmail -d $u')
_DEFIFNOT(`UUCP_MAILER_ARGS', `uux - -r -a$g -gC $h!rmail ($u)')
define(`confTIME_ZONE', `USE_TZ')
define(`confEBINDIR', `/usr/lib')
