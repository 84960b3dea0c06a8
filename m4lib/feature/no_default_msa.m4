M4L_COMPONENT
divert(-1)
dnl # FEATURE(no_default_msa): no automatic MSA daemon on port 587.
define(`_NO_MSA_', `1')
