divert(-1)
dnl #
dnl # m4lib -- entry point.
dnl #
dnl # Usage (same shape as the classic sendmail-cf tree):
dnl #   m4 -D_CF_DIR_=/path/to/m4lib/ -D_NO_MAKEINFO_ /path/to/m4lib/m4/cf.m4 X.mc > X.cf
dnl #
dnl # When _CF_DIR_ is not given it is derived from the location of this
dnl # file: __file__ minus its trailing "m4/cf.m4" (without __file__, the
dnl # parent of the current directory is assumed, as in the classic tree).
dnl # Including this file a second time is harmless.
dnl #
ifdef(`_CF_DIR_', `',
	`ifdef(`__file__',
		`define(`_CF_DIR_', substr(__file__, 0, eval(len(__file__) - len(`m4/cf.m4'))))',
		`define(`_CF_DIR_', `../')')')
divert(0)dnl
ifdef(`_M4L_LOADED_', `dnl',
`include(_CF_DIR_`'m4/cfhead.m4)dnl')
