M4L_COMPONENT
divert(-1)
dnl # OSTYPE(isc4.1): Interactive UNIX 4.1.
_DEFIFNOT(`LOCAL_MAILER_ARGS', `lmail -s $u')
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `humS9')
_DEFIFNOT(`LOCAL_MAILER_PATH', `/bin/lmail')
_DEFIFNOT(`QUEUE_DIR', `/usr/spool/mqueue')
_DEFIFNOT(`UUCP_MAILER_ARGS', `uux - -r -gC $h!rmail ($u)')
_DEFIFNOT(`UUCP_MAILER_PATH', `/usr/bin/uux')
define(`confTIME_ZONE', `USE_TZ')
define(`confEBINDIR', `/usr/lib')
