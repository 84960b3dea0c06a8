M4L_COMPONENT
divert(-1)
dnl # FEATURE(promiscuous_relay): relay for anybody.  Dangerous.
define(`_PROMISCUOUS_RELAY_', 1)
_m4l_warning(`FEATURE(promiscuous_relay) makes this host an open relay; never use it on a machine reachable from the Internet')
