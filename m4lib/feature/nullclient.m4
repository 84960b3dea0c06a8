M4L_COMPONENT
divert(-1)
dnl # FEATURE(nullclient, hub): send everything to the hub; nothing is
dnl # delivered here.  Brings in the local and smtp mailers itself.
ifelse(defn(`_ARG_'), `', `_m4l_error(`FEATURE(nullclient) needs the hub host name as argument')', `dnl
define(`_NULL_CLIENT_', defn(`_ARG_'))dnl
undefine(`ALIAS_FILE')dnl
define(`MAIL_HUB', defn(`_NULL_CLIENT_'))dnl
define(`SMART_HOST', defn(`_NULL_CLIENT_'))dnl
define(`confFORWARD_PATH', `')dnl
ifdef(`confFROM_HEADER', `', `define(`confFROM_HEADER', `<$g>')')dnl
define(`_DEF_LOCAL_MAILER_FLAGS', `lsDFM5q')dnl
MASQUERADE_AS(defn(`_NULL_CLIENT_'))dnl
FEATURE(`allmasquerade')dnl
FEATURE(`masquerade_envelope')dnl
MAILER(`local')dnl
MAILER(`smtp')dnl
')
