M4L_COMPONENT
divert(-1)
dnl # FEATURE(relay_local_from): relay when the sender domain is ours.
define(`_RELAY_LOCAL_FROM_', 1)
_m4l_warning(`FEATURE(relay_local_from) trusts forgeable sender addresses (possible open relay); prefer SMTP AUTH or STARTTLS')
