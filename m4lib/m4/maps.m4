divert(-1)
dnl #
dnl # m4lib -- helper for the table features.
dnl #
dnl # _m4l_map_spec(MAPNAME, FILE, LDAPNAME [, EXTRA-FLAGS]) expands to the
dnl # map definition for the feature's first argument (_ARG_):
dnl #   empty	DATABASE_MAP_TYPE [flags] MAIL_SETTINGS_DIR/FILE
dnl #   LDAP	an LDAP map using the sendmailMTAMap schema
dnl #   other	the argument as given (a complete map specification)
dnl #
define(`_m4l_ldap_spec',
`ldap $2-1 -v sendmailMTAMapValue,sendmailMTAMapSearch:FILTER:sendmailMTAMapObject,sendmailMTAMapURL:URL:sendmailMTAMapObject -k (&(objectClass=sendmailMTAMapObject)(|(sendmailMTACluster=${sendmailMTACluster})(sendmailMTAHost=$j))(sendmailMTAMapName=$1)(sendmailMTAKey=%0))')
define(`_m4l_map_spec',
`ifelse(defn(`_ARG_'), `', `DATABASE_MAP_TYPE ifelse(`$4', `', `', `$4 ')MAIL_SETTINGS_DIR`'$2',
	defn(`_ARG_'), `LDAP', `_m4l_ldap_spec(`$3', ifelse(`$4', `', `', `$4 '))',
	`defn(`_ARG_')')')
