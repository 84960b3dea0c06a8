M4L_COMPONENT
divert(-1)
dnl # FEATURE(prefixmod, prefix, flags): a recipient starting with the
dnl # prefix gets {rcpt_flags} set to flags (and loses the prefix).
ifelse(defn(`_ARG_'), `', `_m4l_error(`FEATURE(prefixmod) needs the prefix as argument')',
	`define(`_PREFIX_MOD_', defn(`_ARG_'))')
ifelse(_ARG2_, `', `_m4l_error(`FEATURE(prefixmod) needs the flags as second argument')',
	`define(`_PREFIX_FLAGS_', _ARG2_)')
define(`_NEED_MACRO_MAP_', `1')
