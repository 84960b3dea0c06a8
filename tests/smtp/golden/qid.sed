/^SLocal_check_mail$/a\
R<m@x.example>		$: <QIDTEST> $&i\
R<QIDTEST>		$#error $@ 5.7.0 $: "553 mail sees no queue id"\
R<QIDTEST> $+		$#error $@ 5.7.0 $: "553 mail sees a queue id"
/^SLocal_check_rcpt$/a\
R<r@x.example>		$: <QIDTEST> $&i\
R<QIDTEST>		$#error $@ 5.7.0 $: "553 rcpt sees no queue id"\
R<QIDTEST> $+		$#error $@ 5.7.0 $: "553 rcpt sees a queue id"
