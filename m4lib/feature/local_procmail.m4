M4L_COMPONENT
divert(-1)
dnl # FEATURE(local_procmail [, path [, args [, flags]]]): procmail as the
dnl # local delivery agent.
ifdef(`_MAILER_local_', `_m4l_error(`FEATURE(local_procmail) must come before MAILER(local)')')
define(`LOCAL_MAILER_PATH', ifelse(defn(`_ARG_'), `', ifdef(`PROCMAIL_MAILER_PATH', `PROCMAIL_MAILER_PATH', `/usr/local/bin/procmail'), `defn(`_ARG_')'))
define(`LOCAL_MAILER_ARGS', ifelse(_ARG2_, `', `procmail -a $h -d $u', `_ARG2_'))
define(`LOCAL_MAILER_FLAGS', ifelse(_ARG3_, `', `SPfhn9', `_ARG3_'))
undefine(`_LOCAL_LMTP_')
undefine(`LOCAL_MAILER_DSN_DIAGNOSTIC_CODE')
