M4L_COMPONENT
divert(-1)
dnl # FEATURE(access_db [, map spec] [, options...]): the access map
dnl # (Connect:, From:, To:, ... entries).  Options: skip,
dnl # lookupdotdomain, relaytofulladdress.
define(`_ACCESS_TABLE_', `')
define(`_TAG_DELIM_', `:')
define(`_m4l_access_opt',
	`ifelse(lower(`$1'), `skip', `define(`_ACCESS_SKIP_', `1')',
	lower(`$1'), `lookupdotdomain', `define(`_LOOKUPDOTDOMAIN_', `1')',
	lower(`$1'), `relaytofulladdress', `define(`_RELAY_FULL_ADDR_', `1')',
	`$1', `', `',
	`_m4l_error(`FEATURE(access_db): unknown option "$1"')')')
_m4l_access_opt(_ARG2_)_m4l_access_opt(_ARG3_)_m4l_access_opt(_ARG4_)
ifdef(`_GREET_PAUSE_',
	`_m4l_warning(`FEATURE(greet_pause) came before FEATURE(access_db) and will not use the access map')')
# a user supplied map without -T<TMPF> cannot report temporary failures
define(`_m4l_access_arg', defn(`_ARG_'))
ifelse(defn(`_ARG_'), `', `', defn(`_ARG_'), `LDAP', `',
	index(defn(`_ARG_'), `sequence '), `0', `',
	index(defn(`_ARG_'), `<TMPF>'), `-1',
	`_m4l_warning(`FEATURE(access_db): the map specification lacks -T<TMPF>; adding it')dnl
define(`_m4l_access_arg', substr(defn(`_ARG_'), 0, index(defn(`_ARG_'), ` '))` -T<TMPF>'substr(defn(`_ARG_'), index(defn(`_ARG_'), ` ')))')
pushdef(`_ARG_', defn(`_m4l_access_arg'))
LOCAL_CONFIG
Kaccess _m4l_map_spec(`access', `access', `access', `-T<TMPF>')
divert(-1)
popdef(`_ARG_')
