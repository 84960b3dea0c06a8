M4L_COMPONENT
divert(-1)
dnl # FEATURE(dnsbl, zone [, message [, tempfail]]): refuse clients whose
dnl # address is listed in the DNS block list "zone".
dnl #   message	text for the rejection; `quarantine' or `discard' act instead
dnl #   tempfail	empty: lookup failures are ignored; `t': a standard 451
dnl #		answer; anything else: that text as the 451 answer
ifelse(defn(`_ARG_'), `', `_m4l_error(`FEATURE(dnsbl) needs the block list zone as argument')', `dnl
_DEFIFNOT(`DNSBL_MAP', `dns -R A')
ifdef(`_DNSBL_R_', `', `define(`_DNSBL_R_', `')dnl
LOCAL_CONFIG
Kdnsbl DNSBL_MAP -T<TMP>ifdef(`DNSBL_MAP_OPT', ` DNSBL_MAP_OPT')
divert(-1)')
define(`_m4l_bl_zone', defn(`_ARG_'))
define(`_m4l_bl_msg', ifelse(_ARG2_, `',
	`"550 Rejected: " $`'&{client_addr} " listed at '_m4l_bl_zone`"', `_ARG2_'))
define(`_m4l_bl_tmp', ifelse(_ARG3_, `t',
	`"451 Temporary lookup failure of " $`'&{client_addr} " at '_m4l_bl_zone`"', `_ARG3_'))
LOCAL_DNSBL
# block list _m4l_bl_zone
R$*			$: $&{client_addr}
R$-.$-.$-.$-		$: <?> $(dnsbl $4.$3.$2.$1._m4l_bl_zone. $: OK $)
R<?>OK			$: OKSOFAR
ifelse(_ARG3_, `', `R<?>$+<TMP>		$: TMPOK',
`R<?>$+<TMP>		$#error $@ 4.4.3 $: _m4l_bl_tmp')
ifelse(_ARG2_, `quarantine', `R<?>$+		$#error $@ quarantine $: _m4l_bl_zone',
	_ARG2_, `discard', `R<?>$+		$#discard $: _m4l_bl_zone',
	`R<?>$+		$#error $@ 5.7.1 $: _m4l_bl_msg')
divert(-1)
')
