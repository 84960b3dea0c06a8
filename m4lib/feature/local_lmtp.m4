M4L_COMPONENT
divert(-1)
dnl # FEATURE(local_lmtp [, path [, args]]): mail.local speaking LMTP.
ifdef(`_MAILER_local_', `_m4l_error(`FEATURE(local_lmtp) must come before MAILER(local)')')
define(`LOCAL_MAILER_PATH', ifelse(defn(`_ARG_'), `', ifdef(`confEBINDIR', `confEBINDIR', `/usr/libexec')`/mail.local', `defn(`_ARG_')'))
define(`LOCAL_MAILER_FLAGS', `PSXmnz9')
define(`LOCAL_MAILER_ARGS', ifelse(_ARG2_, `', `mail.local -l', `_ARG2_'))
define(`LOCAL_MAILER_DSN_DIAGNOSTIC_CODE', `SMTP')
define(`_LOCAL_LMTP_', `1')
