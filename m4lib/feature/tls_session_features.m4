M4L_COMPONENT
divert(-1)
dnl # FEATURE(tls_session_features): per-peer TLS settings from the access map.
define(`_TLS_SESSION_FEATURES_', 1)
