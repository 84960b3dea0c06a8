M4L_COMPONENT
divert(-1)
dnl # FEATURE(use_cw_file): read our host names from confCW_FILE.
define(`USE_CW_FILE', `')
