M4L_COMPONENT
divert(-1)
dnl # FEATURE(bitdomain [, map spec]): map BITNET hosts to Internet names.
define(`_BITDOMAIN_TABLE_', `')
LOCAL_CONFIG
Kbitdomain _m4l_map_spec(`bitdomain', `bitdomain', `bitdomain')
divert(-1)
