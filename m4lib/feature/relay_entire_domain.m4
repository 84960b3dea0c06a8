M4L_COMPONENT
divert(-1)
dnl # FEATURE(relay_entire_domain): relay for every host in our domain
dnl # (class m).
define(`_RELAY_ENTIRE_DOMAIN_', 1)
