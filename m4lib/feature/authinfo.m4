M4L_COMPONENT
divert(-1)
dnl # FEATURE(authinfo [, map spec]): the authinfo map (default file
dnl # MAIL_SETTINGS_DIRauthinfo, "LDAP" for the LDAP schema).
define(`_AUTHINFO_TABLE_', `')
LOCAL_CONFIG
Kauthinfo _m4l_map_spec(`authinfo', `authinfo', `authinfo')
