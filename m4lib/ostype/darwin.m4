M4L_COMPONENT
divert(-1)
dnl # OSTYPE(darwin): macOS / Darwin.
_DEFIFNOT(`STATUS_FILE', `/var/log/sendmail.st')
MODIFY_MAILER_FLAGS(`LOCAL', `+S')
_DEFIFNOT(`LOCAL_MAILER_PATH', `/usr/libexec/mail.local')
_DEFIFNOT(`UUCP_MAILER_ARGS', `uux - -r -z -a$g $h!rmail ($u)')
define(`confDONT_BLAME_SENDMAIL', `AssumeSafeChown,GroupWritableDirPathSafe')
