divert(-1)
dnl #
dnl # m4lib -- entry point.
dnl #
dnl # Usage (same shape as the classic sendmail-cf tree):
dnl #   m4 -D_CF_DIR_=/path/to/m4lib/ -D_NO_MAKEINFO_ /path/to/m4lib/m4/cf.m4 X.mc > X.cf
dnl #
dnl # When _CF_DIR_ is not given it is derived from the location of this
dnl # file: strip the trailing "m4/cf.m4" (8 characters) from __file__.
dnl # Including this file a second time is harmless.
dnl #
ifdef(`_CF_DIR_', `',
	`ifelse(__file__, `__file__',
		`define(`_CF_DIR_', `../')',
		`define(`_CF_DIR_', substr(__file__, 0, eval(len(__file__) - 8)))')')
divert(0)dnl
ifdef(`_M4L_LOADED_', `dnl',
`include(_CF_DIR_`'m4/cfhead.m4)dnl')
