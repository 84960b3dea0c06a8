M4L_COMPONENT
divert(-1)
dnl # FEATURE(enhdnsbl, zone [, message [, tempfail [, answer ...]]]): like
dnl # dnsbl, but only the listed answers (patterns, default any) count.
ifelse(defn(`_ARG_'), `', `_m4l_error(`FEATURE(enhdnsbl) needs the block list zone as argument')', `dnl
ifdef(`_EDNSBL_R_', `', `define(`_EDNSBL_R_', `')dnl
LOCAL_CONFIG
Kednsbl dns -R A -a. -T<TMP> -r`'ifdef(`EDNSBL_TO', `EDNSBL_TO', `5')
divert(-1)')
define(`_m4l_ebl_zone', defn(`_ARG_'))
define(`_m4l_ebl_msg', ifelse(_ARG2_, `',
	`"550 Rejected: " $`'&{client_addr} " listed at '_m4l_ebl_zone`"',
	_ARG2_, `quarantine', `_m4l_ebl_zone', `_ARG2_'))
define(`_m4l_ebl_tmp', ifelse(_ARG3_, `t',
	`"451 Temporary lookup failure of " $`'&{client_addr} " at '_m4l_ebl_zone`"', `_ARG3_'))
define(`_m4l_ebl_act', ifelse(_ARG2_, `quarantine', `$`'#error $`'@ quarantine',
	_ARG2_, `discard', `$`'#discard', `$`'#error $`'@ 5.7.1'))
define(`_m4l_ebl_rule', `ifelse(`$1', `', `', `R<?>$1		_m4l_ebl_act $: _m4l_ebl_msg
')')
LOCAL_DNSBL
# enhanced block list _m4l_ebl_zone
R$*			$: $&{client_addr}
R$-.$-.$-.$-		$: <?> $(ednsbl $4.$3.$2.$1._m4l_ebl_zone. $: OK $)
R<?>OK			$: OKSOFAR
ifelse(_ARG3_, `', `R<?>$+<TMP>		$: TMPOK',
`R<?>$+<TMP>		$#error $@ 4.4.3 $: _m4l_ebl_tmp')
_m4l_ebl_rule(ifelse(_ARG4_, `', `$`'+', `_ARG4_'))dnl
_m4l_ebl_rule(_ARG5_)_m4l_ebl_rule(_ARG6_)_m4l_ebl_rule(_ARG7_)_m4l_ebl_rule(_ARG8_)dnl
divert(-1)
')
