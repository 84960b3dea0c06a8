M4L_COMPONENT
divert(-1)
dnl # OSTYPE(solaris2.ml): Solaris 2 with mail.local.
_DEFIFNOT(`LOCAL_MAILER_PATH', `/usr/lib/mail.local')
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `fSmn9')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `mail.local -d $u')
_DEFIFNOT(`UUCP_MAILER_ARGS', `uux - -r -a$g $h!rmail ($u)')
define(`confEBINDIR', `/usr/lib')
