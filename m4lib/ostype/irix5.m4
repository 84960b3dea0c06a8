M4L_COMPONENT
divert(-1)
dnl # OSTYPE(irix5): IRIX 5.
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `Ehmu9')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `mail -s -d $u')
_DEFIFNOT(`QUEUE_DIR', `/var/spool/mqueue')
_DEFIFNOT(`STATUS_FILE', `/var/sendmail.st')
define(`confDEF_USER_ID', `998:998')
define(`confTIME_ZONE', `USE_TZ')
define(`confEBINDIR', `/usr/lib')
dnl # The classic tree's irix files mention LOCAL_MAILER_CHARSET in a "#"
dnl # note, and since "#" does not start an m4 comment there the note
dnl # really sets it; reproduced so the local mailer gets the same C= field.
define(`LOCAL_MAILER_CHARSET', `iso-8859-1')
