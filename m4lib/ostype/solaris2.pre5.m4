M4L_COMPONENT
divert(-1)
dnl # OSTYPE(solaris2.pre5): Solaris 2.0 to 2.4.
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `SnE9')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `mail -f $g -d $u')
_DEFIFNOT(`UUCP_MAILER_ARGS', `uux - -r -a$g $h!rmail ($u)')
define(`confEBINDIR', `/usr/lib')
