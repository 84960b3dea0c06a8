M4L_COMPONENT
divert(-1)
dnl # FEATURE(compat_check): check_compat looks up Compat:sender<@>recipient
dnl # in the access map.
ifdef(`_ACCESS_TABLE_', `', `_m4l_error(`FEATURE(compat_check) needs FEATURE(access_db) first')')
LOCAL_RULESETS
Scheck_compat
R< $+ > $| $+		$: $1 $| $2
R$+ $| < $+ >		$: $1 $| $2
R$+ $| $+		$: <$(access Compat:$1<@>$2 $:OK $)>
R$* $| $*		$@ ok
R< DISCARD:$* >	$#discard $: $1 " - discarded by check_compat"
R< DISCARD $* >	$#discard $: $1 " - discarded by check_compat"
R< TEMP:$* >	$#error $@ TEMPFAIL $: $1 " error from check_compat. Try again later"
R< ERROR:$* >	$#error $@ UNAVAILABLE $: $1 " error from check_compat"
divert(-1)
