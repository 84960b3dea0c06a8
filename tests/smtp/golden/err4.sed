/^SLocal_check_rcpt$/a\
R<temp@x.example>	$#error $@ 4.7.1 $: "451 temp refused"\
R<tempnc@x.example>	$#error $@ 4.7.1 $: "temp without code"\
R<t421@x.example>	$#error $@ 4.7.0 $: "421 going away"\
R<perm@x.example>	$#error $@ 5.7.1 $: "550 perm refused"
/^SLocal_check_mail$/a\
R<tm@x.example>		$#error $@ 4.1.8 $: "451 mail temp"\
R<tmnc@x.example>	$#error $: "452 mail temp no enh"
/^SLocal_check_rcpt$/a\
R<permnc@x.example>	$#error $@ 5.7.1 $: "perm without code"\
R<mix@x.example>	$#error $@ 4.7.1 $: "550 mixed codes"\
R<mix2@x.example>	$#error $@ 5.7.1 $: "451 mixed codes"\
R<nohost@x.example>	$#error $: "451 no host part"
