M4L_COMPONENT
divert(-1)
dnl # OSTYPE(mklinux): MkLinux.
define(`confEBINDIR', `/usr/sbin')
_DEFIFNOT(`STATUS_FILE', `/var/log/sendmail.st')
_DEFIFNOT(`PROCMAIL_MAILER_PATH', `/usr/bin/procmail')
FEATURE(`local_procmail')
