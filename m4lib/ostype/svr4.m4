M4L_COMPONENT
divert(-1)
dnl # OSTYPE(svr4): System V Release 4.
define(`LOCAL_MAILER_PATH', `/usr/ucblib/binmail')
define(`LOCAL_SHELL_FLAGS', `ehuP')
define(`UUCP_MAILER_ARGS', `uux - -r -a$g -gmedium $h!rmail ($u)')
define(`confEBINDIR', `/usr/ucblib')
