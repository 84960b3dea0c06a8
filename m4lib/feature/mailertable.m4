M4L_COMPONENT
divert(-1)
dnl # FEATURE(mailertable [, map spec]): the mailertable map (default file
dnl # MAIL_SETTINGS_DIRmailertable, "LDAP" for the LDAP schema).
define(`_MAILER_TABLE_', `')
LOCAL_CONFIG
Kmailertable _m4l_map_spec(`mailer', `mailertable', `mailer')
