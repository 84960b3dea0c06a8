M4L_COMPONENT
divert(-1)
dnl # FEATURE(stickyhost): user@ourhost stays local, only bare "user" goes
dnl # to LOCAL_RELAY / MAIL_HUB.
define(`_STICKY_LOCAL_DOMAIN_', 1)
