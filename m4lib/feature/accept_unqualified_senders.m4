M4L_COMPONENT
divert(-1)
dnl # FEATURE(accept_unqualified_senders): senders need no domain.
define(`_ACCEPT_UNQUALIFIED_SENDERS_', 1)
