/^SLocal_check_relay$/a\
R$*		$#error $@ 5.7.1 $: "550 Access denied"
