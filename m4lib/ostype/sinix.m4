M4L_COMPONENT
divert(-1)
dnl # OSTYPE(sinix): SINIX.
_DEFIFNOT(`QUEUE_DIR', `/var/spool/mqueue')
define(`LOCAL_MAILER_PATH', `/bin/mail.local')
_DEFIFNOT(`STATUS_FILE', `/var/sendmail.st')
define(`confEBINDIR', `/usr/ucblib')
