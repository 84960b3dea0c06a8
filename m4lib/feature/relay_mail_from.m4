M4L_COMPONENT
divert(-1)
dnl # FEATURE(relay_mail_from [, `domain']): relay when the sender address
dnl # (or domain) has "From:... RELAY" in the access map.
ifdef(`_ACCESS_TABLE_', `define(`_RELAY_DB_FROM_', 1)
ifelse(defn(`_ARG_'), `domain', `define(`_RELAY_DB_FROM_DOMAIN_', 1)')',
	`_m4l_error(`FEATURE(relay_mail_from) needs FEATURE(access_db) first')')
_m4l_warning(`FEATURE(relay_mail_from) trusts forgeable sender addresses (possible open relay); prefer SMTP AUTH or STARTTLS')
