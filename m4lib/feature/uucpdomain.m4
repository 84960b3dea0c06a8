M4L_COMPONENT
divert(-1)
dnl # FEATURE(uucpdomain [, map spec]): map UUCP hosts to Internet names.
define(`_UUDOMAIN_TABLE_', `')
LOCAL_CONFIG
Kuudomain _m4l_map_spec(`uucpdomain', `uudomain', `uucpdomain')
divert(-1)
