M4L_COMPONENT
divert(-1)
dnl # OSTYPE(uxpds): Fujitsu UXP/DS.
define(`confDEF_GROUP_ID', `6')
define(`LOCAL_MAILER_PATH', `/usr/ucblib/binmail')
define(`LOCAL_SHELL_FLAGS', `ehuP')
define(`UUCP_MAILER_ARGS', `uux - -r -a$f -gmedium $h!rmail ($u)')
define(`confEBINDIR', `/usr/ucblib')
