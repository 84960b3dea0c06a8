M4L_COMPONENT
divert(-1)
dnl # FEATURE(allmasquerade): masquerade header recipients as well.
ifdef(`_MAILER_local_', `_m4l_error(`FEATURE(allmasquerade) must come before MAILER(local)')')
ifdef(`_MAILER_uucp_', `_m4l_error(`FEATURE(allmasquerade) must come before MAILER(uucp)')')
define(`_ALL_MASQUERADE_', 1)
