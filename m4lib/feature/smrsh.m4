M4L_COMPONENT
divert(-1)
dnl # FEATURE(smrsh [, path]): run programs through the restricted shell.
ifdef(`_MAILER_local_', `_m4l_error(`FEATURE(smrsh) must come before MAILER(local)')')
define(`LOCAL_SHELL_PATH', ifelse(defn(`_ARG_'), `', ifdef(`confEBINDIR', `confEBINDIR', `/usr/libexec')`/smrsh', `defn(`_ARG_')'))
_DEFIFNOT(`LOCAL_SHELL_ARGS', `smrsh -c $u')
