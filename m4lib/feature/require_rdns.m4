M4L_COMPONENT
divert(-1)
dnl # FEATURE(require_rdns): clients must have working reverse DNS.
define(`_REQUIRE_RDNS_', `')
