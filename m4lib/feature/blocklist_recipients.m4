M4L_COMPONENT
divert(-1)
dnl # FEATURE(blocklist_recipients): To: entries in the access map can
dnl # refuse recipients.
ifdef(`_ACCESS_TABLE_', `define(`_BLOCKLIST_RCPT_', 1)',
	`_m4l_error(`FEATURE(blocklist_recipients) needs FEATURE(access_db) first')')
