M4L_COMPONENT
divert(-1)
dnl # FEATURE(preserve_local_plus_detail): hand user+detail to the local
dnl # mailer unchanged.
define(`_PRESERVE_LOCAL_PLUS_DETAIL_', `1')
