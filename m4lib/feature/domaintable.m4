M4L_COMPONENT
divert(-1)
dnl # FEATURE(domaintable [, map spec]): the domaintable map (default file
dnl # MAIL_SETTINGS_DIRdomaintable, "LDAP" for the LDAP schema).
define(`_DOMAIN_TABLE_', `')
LOCAL_CONFIG
Kdomaintable _m4l_map_spec(`domain', `domaintable', `domain')
