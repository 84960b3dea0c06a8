M4L_COMPONENT
divert(-1)
dnl # FEATURE(masquerade_entire_domain): class M names whole domains.
define(`_MASQUERADE_ENTIRE_DOMAIN_', 1)
