M4L_COMPONENT
divert(-1)
dnl # OSTYPE(unicosmp): UNICOS/mp.
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `Ehm9')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `mail -s -d $u')
_DEFIFNOT(`QUEUE_DIR', `/var/spool/mqueue')
_DEFIFNOT(`STATUS_FILE', `/var/log/sendmail.st')
define(`LOCAL_MAILER_PATH', `/usr/bin/mail')
define(`confTIME_ZONE', `USE_TZ')
define(`confEBINDIR', `/usr/lib')
