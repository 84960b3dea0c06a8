M4L_COMPONENT
divert(-1)
dnl # FEATURE(bestmx_is_local [, domains]): mail for hosts whose best MX is
dnl # us is local (optionally only for the listed domains, class B).
define(`_BESTMX_IS_LOCAL_', defn(`_ARG_'))
LOCAL_CONFIG
Kbestmx bestmx
ifelse(defn(`_ARG_'), `', `dnl', `CB`'defn(`_ARG_')')
LOCAL_NET_CONFIG
ifelse(defn(`_ARG_'), `',
`R$* < @ $* > $*			$: $1 < @ $2 @@ $(bestmx $2 $) > $3',
`R$* < @ $* $=B . > $*		$: $1 < @ $2 $3 . @@ $(bestmx $2 $3 . $) > $4')
R$* $=O $* < @ $* @@ $=w . > $*	$@ $>Recurse $1 $2 $3
R< @ $* @@ $=w . > : $*		$@ $>Recurse $3
R$* < @ $* @@ $=w . > $*	$@ $>CanonLocal < $1 >
R$* < @ $* @@ $* > $*		$: $1 < @ $2 > $4
divert(-1)
