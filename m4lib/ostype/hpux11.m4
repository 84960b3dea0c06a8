M4L_COMPONENT
divert(-1)
dnl # OSTYPE(hpux11): HP-UX 11.
_DEFIFNOT(`LOCAL_MAILER_PATH', `/usr/bin/rmail')
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `m9')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `rmail -d $u')
_DEFIFNOT(`LOCAL_SHELL_PATH', `/usr/bin/sh')
_DEFIFNOT(`UUCP_MAILER_ARGS', `uux - -r -a$g -gC $h!rmail ($u)')
define(`confTIME_ZONE', `USE_TZ')
