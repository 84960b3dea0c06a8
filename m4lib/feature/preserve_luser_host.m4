M4L_COMPONENT
divert(-1)
dnl # FEATURE(preserve_luser_host): mail for unknown users keeps its host
dnl # part when it goes to LUSER_RELAY.
ifdef(`LUSER_RELAY', `', `_m4l_warning(`define LUSER_RELAY before FEATURE(preserve_luser_host)')')
define(`_PRESERVE_LUSER_HOST_', `1')
define(`_NEED_MACRO_MAP_', `1')
