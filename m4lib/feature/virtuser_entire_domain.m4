M4L_COMPONENT
divert(-1)
dnl # FEATURE(virtuser_entire_domain): class VirtHost names whole domains.
define(`_VIRTUSER_ENTIRE_DOMAIN_', `1')
