M4L_COMPONENT
divert(-1)
dnl # FEATURE(delay_checks [, `friend'|`hater']): run the client and sender
dnl # checks from check_rcpt, after the recipient is known, so recipients
dnl # can opt in or out (Spam:user FRIEND / HATER in the access map).
define(`_DELAY_CHECKS_', 1)
ifelse(defn(`_ARG_'), `', `',
	lower(substr(defn(`_ARG_'), 0, 1)), `f', `define(`_SPAM_FRIEND_', 1)define(`_SPAM_FH_', 1)',
	lower(substr(defn(`_ARG_'), 0, 1)), `h', `define(`_SPAM_HATER_', 1)define(`_SPAM_FH_', 1)',
	`_m4l_error(`FEATURE(delay_checks): unknown argument "'defn(`_ARG_')`" (use "friend" or "hater")')')
ifelse(_ARG2_, `', `define(`_DELAY_COMPAT_8_10_', 1)')
ifdef(`_SPAM_FH_', `ifdef(`_ACCESS_TABLE_', `', `_m4l_error(`FEATURE(delay_checks, 'defn(`_ARG_')`) needs FEATURE(access_db) first')')')
