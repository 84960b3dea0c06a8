M4L_COMPONENT
divert(-1)
dnl # FEATURE(block_bad_helo): refuse HELO names that are ours or unqualified.
define(`_BLOCK_BAD_HELO_', `')
RELAY_DOMAIN(`127.0.0.1')
RELAY_DOMAIN(`IPv6:0:0:0:0:0:0:0:1 IPv6:::1')
LOCAL_DOMAIN(`[127.0.0.1]')
LOCAL_DOMAIN(`[IPv6:0:0:0:0:0:0:0:1] [IPv6:::1]')
