M4L_COMPONENT
divert(-1)
dnl # FEATURE(lookupdotdomain): also look up ".domain" in the access map.
ifdef(`_ACCESS_TABLE_', `define(`_LOOKUPDOTDOMAIN_')',
	`_m4l_error(`FEATURE(lookupdotdomain) needs FEATURE(access_db) first')')
ifdef(`_RELAY_HOSTS_ONLY_',
	`_m4l_warning(`FEATURE(lookupdotdomain) and FEATURE(relay_hosts_only) do not work well together')')
