M4L_COMPONENT
divert(-1)
dnl # OSTYPE(bsd4.3): 4.3BSD.
_DEFIFNOT(`QUEUE_DIR', `/usr/spool/mqueue')
_DEFIFNOT(`UUCP_MAILER_ARGS', `uux - -r -z -a$g $h!rmail ($u)')
