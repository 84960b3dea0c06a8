M4L_COMPONENT
divert(-1)
dnl # FEATURE(notsticky): the default behaviour (kept for old .mc files).
