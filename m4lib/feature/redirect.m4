M4L_COMPONENT
divert(-1)
dnl # FEATURE(redirect): user@host.REDIRECT bounces with "551 User has moved".
LOCAL_RULE_0
# address.REDIRECT: tell the sender the new address (allowed in -bi)
R$* < @ $+ .REDIRECT. >		$: $1 < @ $2 . REDIRECT . > < ${opMode} >
R$* < @ $+ .REDIRECT. > <i>	$: $1 < @ $2 . REDIRECT. >
R$* < @ $+ .REDIRECT. > < $- >	$#error $@ 5.1.1 $: "551 User has moved; please try " <$1@$2>
LOCAL_CONFIG
CPREDIRECT
