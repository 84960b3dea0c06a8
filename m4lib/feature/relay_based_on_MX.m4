M4L_COMPONENT
divert(-1)
dnl # FEATURE(relay_based_on_MX): relay for domains whose MX points to us.
define(`_RELAY_MX_SERVED_', 1)
LOCAL_CONFIG
Kmxserved bestmx -z: -T<TEMP>
