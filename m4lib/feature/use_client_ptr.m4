M4L_COMPONENT
divert(-1)
dnl # FEATURE(use_client_ptr): check_relay uses ${client_ptr}.
define(`_USE_CLIENT_PTR_', `1')
