M4L_COMPONENT
divert(-1)
dnl # FEATURE(nouucp, `reject'|`nospecial'): no UUCP (bang path) handling;
dnl # reject: refuse ! in recipients, nospecial: ! is an ordinary character.
ifelse(defn(`_ARG_'), `', `_m4l_error(`FEATURE(nouucp) needs an argument: "reject" or "nospecial"')define(`_NO_UUCP_', `e')',
	substr(defn(`_ARG_'), 0, 1), `r', `define(`_NO_UUCP_', `r')',
	substr(defn(`_ARG_'), 0, 1), `n', `define(`_NO_UUCP_', `n')',
	`_m4l_error(`FEATURE(nouucp): unknown argument "'defn(`_ARG_')`"')')
