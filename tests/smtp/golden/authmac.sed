s/^O AuthMechanisms.*/O AuthMechanisms=GSSAPI PLAIN CRAM-MD5 LOGIN/
/^SLocal_check_mail$/a\
R$*		$#error $@ 5.7.1 $: "550 authen=" $&{auth_authen} " author=" $&{auth_author} " type=" $&{auth_type} " ssf=" $&{auth_ssf}
