M4L_COMPONENT
divert(-1)
dnl # FEATURE(accept_unresolvable_domains): sender domains need not exist.
define(`_ACCEPT_UNRESOLVABLE_DOMAINS_', 1)
