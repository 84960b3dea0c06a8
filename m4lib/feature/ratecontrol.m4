M4L_COMPONENT
divert(-1)
dnl # FEATURE(ratecontrol [, `nodelay' [, `terminate']]): limits per client
dnl # from the access map; nodelay checks at connect time (needs
dnl # delay_checks), terminate answers 421 instead of 452.
ifdef(`_ACCESS_TABLE_', `dnl
define(`_RATE_CONTROL_', `1')dnl
ifelse(defn(`_ARG_'), `', `',
	strcasecmp(defn(`_ARG_'), `nodelay'), `1',
	`ifdef(`_DELAY_CHECKS_', `define(`_RATE_CONTROL_IMMEDIATE_', `1')define(`_CONTROL_IMMEDIATE_', `1')',
		`_m4l_error(`FEATURE(ratecontrol, nodelay) needs FEATURE(delay_checks) first')')',
	`_m4l_error(`FEATURE(ratecontrol): unknown argument "'defn(`_ARG_')`"')')dnl
define(`_FFR_SRCHLIST_A', `1')dnl
ifelse(_ARG2_, `', `', _ARG2_, `terminate', `define(`_RATE_CONTROL_REPLY', `421')',
	`_m4l_error(`FEATURE(ratecontrol): unknown argument "'_ARG2_`"')')',
`_m4l_error(`FEATURE(ratecontrol) needs FEATURE(access_db) first')')
_DEFIFNOT(`_RATE_CONTROL_REPLY', `452')
