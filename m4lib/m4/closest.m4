divert(-1)
dnl #
dnl # m4lib -- find the known option name closest to a misspelt one.
dnl #
dnl # _m4l_closest(NAME) expands to the entry of the option table (see
dnl # m4/options.m4) with the smallest edit distance (insert, delete or
dnl # replace one character) to NAME, compared without regard to case.
dnl # Only used on the warning path, so plain recursion is fast enough;
dnl # names whose length alone rules them out are skipped.
dnl #

dnl # number every known name: _m4l_kn_1 .. _m4l_kn_N (values are fetched with
dnl # defn, so a name that is also a defined macro is never expanded)
define(`_m4l_nknown', `0')
define(`_m4l_opt', `_m4l_define(`_m4l_nknown', incr(_m4l_nknown))_m4l_define(`_m4l_kn_'_m4l_nknown, `$1')')
define(`_m4l_name', defn(`_m4l_opt'))
_m4l_option_table
_m4l_other_names
define(`_m4l_opt', `')
define(`_m4l_name', `')

define(`_m4l_upper',
	`translit(`$1', `abcdefghijklmnopqrstuvwxyz', `ABCDEFGHIJKLMNOPQRSTUVWXYZ')')
define(`_m4l_min3',
	`ifelse(eval($1 <= $2 && $1 <= $3), 1, $1, eval($2 <= $3), 1, $2, $3)')
define(`_m4l_rget', `defn(`_m4l_r$1')')

dnl # _m4l_lev(A, B): edit distance, one DP row kept in _m4l_r0.._m4l_rM
define(`_m4l_lev',
	`_m4l_lev_init(len(`$2'))_m4l_lev_rows(`$1', `$2', 1, len(`$1'), len(`$2'))_m4l_rget(len(`$2'))')
define(`_m4l_lev_init',
	`ifelse(eval($1 >= 0), 1, `_m4l_define(`_m4l_r$1', $1)_m4l_lev_init(decr($1))')')
define(`_m4l_lev_rows',
	`ifelse(eval($3 <= $4), 1,
	`_m4l_define(`_m4l_d', _m4l_r0)_m4l_define(`_m4l_r0', $3)dnl
_m4l_lev_cols(`$1', `$2', $3, 1, $5)_m4l_lev_rows(`$1', `$2', incr($3), $4, $5)')')
define(`_m4l_lev_cols',
	`ifelse(eval($4 <= $5), 1,
	`_m4l_define(`_m4l_o', _m4l_rget($4))dnl
_m4l_define(`_m4l_r$4', _m4l_min3(incr(_m4l_rget($4)), incr(_m4l_rget(decr($4))),
	eval(_m4l_d + ifelse(substr(`$1', decr($3), 1), substr(`$2', decr($4), 1), 0, 1))))dnl
_m4l_define(`_m4l_d', _m4l_o)dnl
_m4l_lev_cols(`$1', `$2', $3, incr($4), $5)')')

define(`_m4l_abs', `ifelse(eval($1 < 0), 1, eval(0 - ($1)), $1)')

dnl # walk the list keeping the best candidate in _m4l_best/_m4l_bestd
define(`_m4l_closest',
	`_m4l_define(`_m4l_best', `')_m4l_define(`_m4l_bestd', 1000)dnl
_m4l_scan(_m4l_upper(`$1'), 1)defn(`_m4l_best')')
define(`_m4l_scan',
	`ifelse(eval($2 > _m4l_nknown), 1, `',
	`_m4l_try(`$1', defn(`_m4l_kn_$2'))_m4l_scan(`$1', incr($2))')')
define(`_m4l_try',
	`ifelse(eval(_m4l_abs(len(`$1') - len(`$2')) < _m4l_bestd), 1,
	`_m4l_define(`_m4l_cur', _m4l_lev(`$1', _m4l_upper(`$2')))dnl
ifelse(eval(_m4l_cur < _m4l_bestd), 1,
	`_m4l_define(`_m4l_best', `$2')_m4l_define(`_m4l_bestd', _m4l_cur)')')')
