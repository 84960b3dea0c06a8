/^SLocal_check_rcpt$/a\
R$*		$#error $@ 5.7.0 $: "553 n=" $&{dsn_notify} " r=" $&{dsn_ret} " e=" $&{dsn_envid} " v=" $&{envid}
