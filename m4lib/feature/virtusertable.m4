M4L_COMPONENT
divert(-1)
dnl # FEATURE(virtusertable [, map spec]): the virtuser map (default file
dnl # MAIL_SETTINGS_DIRvirtusertable, "LDAP" for the LDAP schema).
define(`_VIRTUSER_TABLE_', `')
LOCAL_CONFIG
Kvirtuser _m4l_map_spec(`virtuser', `virtusertable', `virtuser')
