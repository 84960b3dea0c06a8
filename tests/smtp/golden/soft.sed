s/^#O SoftBounce=.*/O SoftBounce=true/
/^SLocal_check_rcpt$/a\
R<perm@x.example>	$#error $@ 5.7.1 $: "550 perm refused"\
R<coded@x.example>	$#error $@ 5.7.1 $: "553 coded refused"\
R<temp@x.example>	$#error $@ 4.7.1 $: "451 temp refused"\
R<plain@x.example>	$#error $: "plain refused"
