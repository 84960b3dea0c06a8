M4L_COMPONENT
divert(-1)
dnl # OSTYPE(solaris8): Solaris 8 and later (IPv6 sockets, LMTP delivery).
_DEFIFNOT(`UUCP_MAILER_ARGS', `uux - -r -a$g $h!rmail ($u)')
define(`confEBINDIR', `/usr/lib')
define(`confPID_FILE', `/var/run/sendmail.pid')
define(`_NETINET6_')
FEATURE(`local_lmtp')
