M4L_COMPONENT
divert(-1)
dnl # OSTYPE(bsdi): BSD/OS.
dnl # the same settings as OSTYPE(bsd4.4)
include(_CF_DIR_`'ostype/bsd4.4.m4)
