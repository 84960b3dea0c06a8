M4L_COMPONENT
divert(-1)
dnl # FEATURE(local_no_masquerade): no masquerading for local delivery.
ifdef(`_MAILER_local_', `_m4l_error(`FEATURE(local_no_masquerade) must come before MAILER(local)')')
define(`_LOCAL_NO_MASQUERADE_', `1')
