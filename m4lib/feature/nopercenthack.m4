M4L_COMPONENT
divert(-1)
dnl # FEATURE(nopercenthack, `reject'|`nospecial'): % is not a routing
dnl # character; reject: refuse % in recipients.
ifelse(defn(`_ARG_'), `', `_m4l_error(`FEATURE(nopercenthack) needs an argument: "reject" or "nospecial"')define(`_NO_PERCENTHACK_', `e')',
	substr(defn(`_ARG_'), 0, 1), `r', `define(`_NO_PERCENTHACK_', `r')',
	substr(defn(`_ARG_'), 0, 1), `n', `define(`_NO_PERCENTHACK_', `n')',
	`_m4l_error(`FEATURE(nopercenthack): unknown argument "'defn(`_ARG_')`"')')
