/^SLocal_check_mail$/a\
R<m@x.example>		$: <QIDTEST> $&i\
R<QIDTEST>		$#error $@ 5.7.0 $: "553 mail sees no queue id"\
R<QIDTEST> $+		$#error $@ 5.7.0 $: "553 mail sees a queue id"
/^SLocal_check_rcpt$/a\
R<r@x.example>		$: <QIDTEST> $&i\
R<QIDTEST>		$#error $@ 5.7.0 $: "553 rcpt sees no queue id"\
R<QIDTEST> $+		$#error $@ 5.7.0 $: "553 rcpt sees a queue id"
$a\
Scheck_etrn\
R$*		$: <QIDTEST> $&i\
R<QIDTEST>		$#error $@ 4.7.0 $: "458 etrn sees no queue id"\
R<QIDTEST> $+		$#error $@ 4.7.0 $: "458 etrn sees a queue id"
