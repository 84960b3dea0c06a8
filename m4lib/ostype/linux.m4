M4L_COMPONENT
divert(-1)
dnl # OSTYPE(linux): GNU/Linux -- procmail is the local delivery agent.
define(`confEBINDIR', `/usr/sbin')
ifdef(`PROCMAIL_MAILER_PATH', `', `define(`PROCMAIL_MAILER_PATH', `/usr/bin/procmail')')
FEATURE(`local_procmail')
