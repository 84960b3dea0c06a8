M4L_COMPONENT
divert(-1)
dnl # FEATURE(drac [, map spec]): relay for addresses in the DRAC map
dnl # (dynamic relay authorization, POP/IMAP before SMTP).
define(`_DRAC_', `')
LOCAL_CONFIG
Kdrac ifelse(defn(`_ARG_'), `', `DATABASE_MAP_TYPE MAIL_SETTINGS_DIR`'drac', `defn(`_ARG_')')
divert(-1)
