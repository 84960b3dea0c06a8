M4L_COMPONENT
divert(-1)
dnl # FEATURE(check_cert_altnames): the CN: TLS requirement also accepts
dnl # the certificate subjectAltNames.
define(`_FFR_TLS_ALTNAMES', `1')
LOCAL_CONFIG
O SetCertAltnames=true
divert(-1)
