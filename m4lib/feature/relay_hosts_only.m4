M4L_COMPONENT
divert(-1)
dnl # FEATURE(relay_hosts_only): class R and the access map name hosts,
dnl # not domains.
define(`_RELAY_HOSTS_ONLY_', 1)
