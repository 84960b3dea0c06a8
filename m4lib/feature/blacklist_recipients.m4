M4L_COMPONENT
divert(-1)
dnl # FEATURE(blacklist_recipients): the old name of blocklist_recipients.
_m4l_warning(`FEATURE(blacklist_recipients) is the old name of FEATURE(blocklist_recipients)')
FEATURE(`blocklist_recipients')
