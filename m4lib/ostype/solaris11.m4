M4L_COMPONENT
divert(-1)
dnl # OSTYPE(solaris11): Solaris 11.
_DEFIFNOT(`UUCP_MAILER_ARGS', `uux - -r -a$g $h!rmail ($u)')
define(`confEBINDIR', `/usr/lib')
define(`_NETINET6_')
define(`confPID_FILE', `/system/volatile/sendmail.pid')
FEATURE(`local_lmtp')
