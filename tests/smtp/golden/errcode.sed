/^SLocal_check_mail$/a\
R<m454@x.example>	$#error $@ 4.7.0 $: "454 mail refused for now"\
R<m553@x.example>	$#error $@ 5.7.0 $: "553 mail refused"
/^SLocal_check_rcpt$/a\
R<c421>		$#error $@ 4.7.0 $: "421 x"\
R<c450>		$#error $@ 4.7.0 $: "450 x"\
R<c451>		$#error $@ 4.7.0 $: "451 x"\
R<c452>		$#error $@ 4.7.0 $: "452 x"\
R<c454>		$#error $@ 4.7.0 $: "454 x"\
R<c550>		$#error $@ 5.7.0 $: "550 x"\
R<c551>		$#error $@ 5.7.0 $: "551 x"\
R<c552>		$#error $@ 5.7.0 $: "552 x"\
R<c553>		$#error $@ 5.7.0 $: "553 x"\
R<c554>		$#error $@ 5.7.0 $: "554 x"\
R<c530>		$#error $@ 5.7.0 $: "530 x"
