M4L_COMPONENT
divert(-1)
dnl # FEATURE(use_ct_file): read trusted users from confCT_FILE.
define(`_USE_CT_FILE_', `')
