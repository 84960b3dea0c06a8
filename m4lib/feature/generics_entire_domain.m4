M4L_COMPONENT
divert(-1)
dnl # FEATURE(generics_entire_domain): genericstable also applies to
dnl # subdomains of the domains in class G.
define(`_GENERICS_ENTIRE_DOMAIN_', 1)
