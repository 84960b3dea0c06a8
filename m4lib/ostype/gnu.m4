M4L_COMPONENT
divert(-1)
dnl # OSTYPE(gnu): GNU/Hurd.
_DEFIFNOT(`STATUS_FILE', `/var/log/sendmail.st')
_DEFIFNOT(`LOCAL_MAILER_PATH', `/libexec/mail.local')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `mail $u')
define(`confEBINDIR', `/libexec')
