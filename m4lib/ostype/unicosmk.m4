M4L_COMPONENT
divert(-1)
dnl # OSTYPE(unicosmk): UNICOS/mk.
define(`ALIAS_FILE', `/usr/lib/aliases')
define(`HELP_FILE', `/usr/lib/sendmail.hf')
define(`QUEUE_DIR', `/usr/spool/mqueue')
define(`STATUS_FILE', `/usr/lib/sendmail.st')
dnl # (the classic file's local flag change never takes effect; neither does it here)
MODIFY_MAILER_FLAGS(`SMTP', `+anpeLC')
define(`LOCAL_SHELL_FLAGS', `lsDFMpxehuo')
define(`confPID_FILE', `/etc/sendmail.pid')
