M4L_COMPONENT
divert(-1)
dnl # FEATURE(loose_relay_check): do not look inside user%host@relay.
define(`_LOOSE_RELAY_CHECK_', 1)
