/^SLocal_check_mail$/a\
R<m@x.example>		$#error $@ 5.7.0 $: "553 cn=" $&{client_name} " ca=" $&{client_addr} " cp=" $&{client_port} " cr=" $&{client_resolve} " dn=" $&{daemon_name} " da=" $&{daemon_addr} " df=" $&{daemon_flags} " r=" $&r " s=" $&s " _=" $&_ " dm=" $&{deliveryMode} " q=" $&{quarantine} " at=" $&{addr_type}
/^SLocal_check_rcpt$/a\
R<r@x.example>		$#error $@ 5.7.0 $: "553 rcpt at=" $&{addr_type} " dm=" $&{deliveryMode}
