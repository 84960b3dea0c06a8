M4L_COMPONENT
divert(-1)
dnl # OSTYPE(bsdi1.0): BSD/OS 1.0 (old name of bsdi).
_m4l_warning(`OSTYPE(bsdi1.0) is an old name; use OSTYPE(bsdi)')
dnl # the same settings as OSTYPE(bsdi)
include(_CF_DIR_`'ostype/bsdi.m4)
