M4L_COMPONENT
divert(-1)
dnl # FEATURE(rhsbl, zone [, message [, tempfail]]): refuse senders whose
dnl # domain is listed in a right hand side block list.
ifelse(defn(`_ARG_'), `', `_m4l_error(`FEATURE(rhsbl) needs the block list zone as argument')', `dnl
ifdef(`_RHSBL_R_', `', `define(`_RHSBL_R_', `')ifdef(`_DNSBL_R_', `', `dnl
LOCAL_CONFIG
Kdnsbl host -T<TMP>
divert(-1)')')
define(`_m4l_rhs_zone', defn(`_ARG_'))
define(`_m4l_rhs_msg', ifelse(_ARG2_, `', `"550 Mail from " $`'&{RHS} " refused by blackhole site '_m4l_rhs_zone`"', `_ARG2_'))
define(`_m4l_rhs_tmp', ifelse(_ARG3_, `t', `"451 Temporary lookup failure of " $`'&{RHS} " at '_m4l_rhs_zone`"', `_ARG3_'))
LOCAL_DNSBL
R$+			$: <@> $>CanonAddr $&f
R<@> $*<@$+.>		$: <@> <@$2.> $| $>SearchList <+ rhs> $| <F:$1@$2> <D:$2> <>
R<@> $* $| <$={Accept}>	$: OKSOFAR
R<@> $*<@$+.> $| $*	$: <?> $(dnsbl $2._m4l_rhs_zone. $: OK $) $(macro {RHS} $@ $2 $)
R<@> $*			$: OKSOFAR
R<?> OK			$: OKSOFAR
ifelse(_ARG3_, `', `R<?>$+<TMP>		$: TMPOK', `R<?>$+<TMP>		$#error $@ 4.7.1 $: _m4l_rhs_tmp')
R<?>$+			$#error $@ 5.7.1 $: _m4l_rhs_msg
divert(-1)
')
