M4L_COMPONENT
divert(-1)
dnl # FEATURE(conncontrol [, `nodelay' [, `terminate']]): limits per client
dnl # from the access map; nodelay checks at connect time (needs
dnl # delay_checks), terminate answers 421 instead of 452.
ifdef(`_ACCESS_TABLE_', `dnl
define(`_CONN_CONTROL_', `1')dnl
ifelse(defn(`_ARG_'), `', `',
	strcasecmp(defn(`_ARG_'), `nodelay'), `1',
	`ifdef(`_DELAY_CHECKS_', `define(`_CONN_CONTROL_IMMEDIATE_', `1')define(`_CONTROL_IMMEDIATE_', `1')',
		`_m4l_error(`FEATURE(conncontrol, nodelay) needs FEATURE(delay_checks) first')')',
	`_m4l_error(`FEATURE(conncontrol): unknown argument "'defn(`_ARG_')`"')')dnl
define(`_FFR_SRCHLIST_A', `1')dnl
ifelse(_ARG2_, `', `', _ARG2_, `terminate', `define(`_CONN_CONTROL_REPLY', `421')',
	`_m4l_error(`FEATURE(conncontrol): unknown argument "'_ARG2_`"')')',
`_m4l_error(`FEATURE(conncontrol) needs FEATURE(access_db) first')')
_DEFIFNOT(`_CONN_CONTROL_REPLY', `452')
