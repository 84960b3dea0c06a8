M4L_COMPONENT
divert(-1)
dnl # FEATURE(tls_failures): replaced by confTLS_FALLBACK_TO_CLEAR.
_m4l_error(`FEATURE(tls_failures) no longer exists; define confTLS_FALLBACK_TO_CLEAR instead')
define(`confTLS_FALLBACK_TO_CLEAR', `true')
