M4L_COMPONENT
divert(-1)
dnl # FEATURE(nocanonify [, `canonify_hosts']): no DNS canonification of
dnl # host names (except class Canonify, daemon flag c).
define(`_NO_CANONIFY_', 1)
ifelse(defn(`_ARG_'), `', `',
	strcasecmp(defn(`_ARG_'), `canonify_hosts'), `1', `define(`_CANONIFY_HOSTS_', 1)',
	`_m4l_error(`FEATURE(nocanonify): unknown argument "'defn(`_ARG_')`"')')
