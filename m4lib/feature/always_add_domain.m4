M4L_COMPONENT
divert(-1)
dnl # FEATURE(always_add_domain [, domain]): qualify local recipients in
dnl # headers (with our name or the given domain).
ifdef(`_MAILER_local_', `_m4l_error(`FEATURE(always_add_domain) must come before MAILER(local)')')
define(`_ALWAYS_ADD_DOMAIN_', defn(`_ARG_'))
