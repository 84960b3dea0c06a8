M4L_COMPONENT
divert(-1)
dnl # FEATURE(genericstable [, map spec]): the generics map (default file
dnl # MAIL_SETTINGS_DIRgenericstable, "LDAP" for the LDAP schema).
define(`_GENERICS_TABLE_', `')
LOCAL_CONFIG
Kgenerics _m4l_map_spec(`generics', `genericstable', `generics')
