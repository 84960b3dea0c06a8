divert(-1)
dnl #
dnl # m4lib -- STARTTLS and AUTH related rulesets: tls_rcpt, tls_client,
dnl # tls_server, TLS_connection, TLS_req, max, tls_srv_features,
dnl # tls_clt_features, RelayTLS, authinfo, RateControl, ConnControl.
dnl #
dnl # TLS requirements come from the access map (TLS_Clt:, TLS_Srv:,
dnl # TLS_Rcpt: entries) and have the form
dnl #	[PERM+|TEMP+] VERIFY[:bits] | ENCR:bits  [+CN[:name]] [+CS:..] [+CI:..]
dnl #
ifdef(`TLS_PERM_ERR', `define(`_m4l_tls_dsn', `5.7.0')define(`_m4l_tls_smtp', `554')',
	`define(`_m4l_tls_dsn', `4.7.0')define(`_m4l_tls_smtp', `454')')
divert(0)dnl

######################################################################
#  tls_rcpt: is the connection to the server good enough for this
#  recipient? (client side, before each RCPT)
######################################################################
Stls_rcpt
ifdef(`_LOCAL_TLS_RCPT_', `dnl
R$*			$: $1 $| $>"Local_tls_rcpt" $1
R$* $| $#$*		$#$2
R$* $| $*		$: $1', `dnl')
ifdef(`_ACCESS_TABLE_', `dnl
R$*			$: $(macro {TLS_Name} $@ $&{server_name} $) $1
R$+			$: <?> $>CanonAddr $1
R<?> $+ < @ $+ . >	<?> $1 <@ $2 >
R<?> $+ < @ $+ >	$: $1 <@ $2 > $| <F:$1@$2> <U:$1@> <D:$2> <E:>
R<?> $+			$: $1 $| <U:$1@> <E:>
R$* $| $+	$: $1 $| $>SearchList <! TLS_RCPT_TAG> $| $2 <>
R$* $| <?>	$@ OK
R$* $| <$* <TMPF>>	$#error $@ 4.3.0 $: _m4l_tmpf_msg
R$* $| <$+>	$@ $>"TLS_connection" $&{verify} $| <$2>', `dnl')

######################################################################
#  tls_client: is the client good enough? (server side; called with
#  ${verify} $| MAIL or ${verify} $| STARTTLS)
######################################################################
Stls_client
ifdef(`_LOCAL_TLS_CLIENT_', `dnl
R$*			$: $1 <?> $>"Local_tls_client" $1
R$* <?> $#$*		$#$2
R$* <?> $*		$: $1', `dnl')
ifdef(`_ACCESS_TABLE_', `dnl
R$*		$: $(macro {TLS_Name} $@ $&{client_name} $) $1
R$* $| $*	$: $1 $| $>D <$&{client_name}> <?> <! TLS_CLT_TAG> <>
R$* $| <?>$*	$: $1 $| $>A <$&{client_addr}> <?> <! TLS_CLT_TAG> <>
R$* $| <?>$*	$: $1 $| <$(access TLS_CLT_TAG: $: ? $)>
R$* $| <$* <TMPF>>	$#error $@ 4.3.0 $: _m4l_tmpf_msg
R$*		$@ $>"TLS_connection" $1', `dnl
R$* $| $*	$@ $>"TLS_connection" $1')

######################################################################
#  tls_server: is the server good enough? (client side, after STARTTLS)
######################################################################
Stls_server
ifdef(`_LOCAL_TLS_SERVER_', `dnl
R$*			$: $1 $| $>"Local_tls_server" $1
R$* $| $#$*		$#$2
R$* $| $*		$: $1', `dnl')
ifdef(`_TLS_FAILURES_', `R$*		$: $(macro {saved_verify} $@ $1 $) $1', `dnl')
ifdef(`_ACCESS_TABLE_', `dnl
R$*		$: $(macro {TLS_Name} $@ $&{server_name} $) $1
R$*		$: $1 $| $>D <$&{server_name}> <?> <! TLS_SRV_TAG> <>
R$* $| <?>$*	$: $1 $| $>A <$&{server_addr}> <?> <! TLS_SRV_TAG> <>
R$* $| <?>$*	$: $1 $| <$(access TLS_SRV_TAG: $: ? $)>
R$* $| <$* <TMPF>>	$#error $@ 4.3.0 $: _m4l_tmpf_msg
R$*		$@ $>"TLS_connection" $1', `dnl
R$*		$@ $>"TLS_connection" $1')

######################################################################
#  TLS_connection: ${verify} $| <requirement from the access map>
######################################################################
define(`_m4l_tls_fail', `dnl
R$1 $| <$-:$+> $`'*	$`'#error $`'@ $`'2 $: $`'1 " $2"
R$1 $| $`'*		$`'#error $`'@ _m4l_tls_dsn $: "_m4l_tls_smtp $2"')dnl
STLS_connection
ifdef(`_FULL_TLS_CONNECTION_CHECK_', `dnl
R$* $| <$*>$*			$: $1 $| <$2>
# the error codes: PERM+ / TEMP+ prefixes or the default
R$* $| <PERM + $={Tls} $*>	$: $1 $| <503:5.7.0> <$2 $3>
R$* $| <TEMP + $={Tls} $*>	$: $1 $| <403:4.7.0> <$2 $3>
R$* $| <$={Tls} $*>		$: $1 $| <_m4l_tls_smtp:_m4l_tls_dsn> <$2 $3>
# handshake, protocol, DANE and configuration failures always abort
_m4l_tls_fail(`SOFTWARE', `TLS handshake failed.')
_m4l_tls_fail(`PROTOCOL', `STARTTLS failed.')
_m4l_tls_fail(`DANE_FAIL', `DANE check failed.')
_m4l_tls_fail(`CONFIG', `STARTTLS temporarily not possible.')
# split requirement and extensions
R$* $| <$*> <VERIFY>		$: <$2> <VERIFY> <> $1
R$* $| <$*> <VERIFY + $+>	$: <$2> <VERIFY> <$3> $1
R$* $| <$*> <$={Tls}:$->$*	$: <$2> <$3:$4> <> $1
R$* $| <$*> <$={Tls}:$- + $+>$*	$: <$2> <$3:$4> <$5> $1
R$* $| $*			$@ OK				no requirement
# verification
R<$*><VERIFY> <> $={TlsVerified}	$@ OK
R<$*><VERIFY> <$+> $={TlsVerified}	$: <$1> <REQ:0> <$2>
R<$*><VERIFY:$-> <$*> $={TlsVerified}	$: <$1> <REQ:$2> <$3>
R<$*><ENCR:$-> <$*> $*		$: <$1> <REQ:$2> <$3>
R<$-:$+><VERIFY $*> <$*>	$#error $@ $2 $: $1 " authentication required"
R<$-:$+><VERIFY $*> <$*> FAIL	$#error $@ $2 $: $1 " authentication failed"
R<$-:$+><VERIFY $*> <$*> NO	$#error $@ $2 $: $1 " not authenticated"
R<$-:$+><VERIFY $*> <$*> NOT	$#error $@ $2 $: $1 " no authentication requested"
R<$-:$+><VERIFY $*> <$*> NONE	$#error $@ $2 $: $1 " other side does not support STARTTLS"
R<$-:$+><VERIFY $*> <$*> CLEAR	$#error $@ $2 $: $1 " STARTTLS disabled locally"
R<$-:$+><VERIFY $*> <$*> $+	$#error $@ $2 $: $1 " authentication failure " $4
# key length: the larger of cipher bits and SASL strength
R<$*><REQ:$-> <$*>		$: <$1> <REQ:$2> <$3> $>max $&{cipher_bits} : $&{auth_ssf}
R<$*><REQ:$-> <$*> $-		$: <$1> <$2:$4> <$3> $(arith l $@ $4 $@ $2 $)
R<$-:$+><$-:$-> <$*> TRUE	$#error $@ $2 $: $1 " encryption too weak " $4 " less than " $3
# remaining extensions go to TLS_req one by one
R<$-:$+><$-:$-> <$*> $*		$: <$1:$2 ++ $5>
R<$-:$+ ++ >			$@ OK
R<$-:$+ ++ $+ >			$: <$1:$2> <$3>
R<$-:$+> < $+ ++ $+ >		<$1:$2> <$3> <$4>
R<$-:$+> $+			$@ $>"TLS_req" $3 $| <$1:$2>

######################################################################
#  TLS_req: [<extension> ...] $| <smtp:dsn>
#	CN[:name]  certificate CN equals name (default: the peer name)
#	CS:subject, CI:issuer, CITag:tag (issuer listed under tag:)
######################################################################
STLS_req
R $| $+		$@ OK
R<CN> $* $| <$+>		$: <CN:$&{TLS_Name}> $1 $| <$2>
R<CN:$&{cn_subject}> $* $| <$+>		$@ $>"TLS_req" $1 $| <$2>
R<CN:$+> $* $| <$-:$+>	$#error $@ $4 $: $3 " CN " $&{cn_subject} " does not match " $1
R<CS:$&{cert_subject}> $* $| <$+>	$@ $>"TLS_req" $1 $| <$2>
R<CS:$+> $* $| <$-:$+>	$#error $@ $4 $: $3 " Cert Subject " $&{cert_subject} " does not match " $1
R<CI:$&{cert_issuer}> $* $| <$+>	$@ $>"TLS_req" $1 $| <$2>
R<CI:$+> $* $| <$-:$+>	$#error $@ $4 $: $3 " Cert Issuer " $&{cert_issuer} " does not match " $1
R<CITag:$-> $* $| <$+>	$: <$(access $1:$&{cert_issuer} $: ? $)> $2 $| <$3>
R<?> $* $| <$-:$+>	$#error $@ $3 $: $2 " Cert Issuer " $&{cert_issuer} " not acceptable"
R<OK> $* $| <$+>	$@ $>"TLS_req" $1 $| <$2>
ROK			$@ OK

######################################################################
#  max: the larger of two numbers "a:b" (either may be missing)
######################################################################
Smax
R:		$: 0
R:$-		$: $1
R$-:		$: $1
R$-:$-		$: $(arith l $@ $1 $@ $2 $) : $1 : $2
RTRUE:$-:$-	$: $2
R$-:$-:$-	$: $2
', `dnl
# no access map: only hard failures are reported
R`'SOFTWARE	$#error $@ _m4l_tls_dsn $: "_m4l_tls_smtp TLS handshake failed."
R`'DANE_FAIL	$#error $@ _m4l_tls_dsn $: "_m4l_tls_smtp DANE check failed."
R`'PROTOCOL	$#error $@ _m4l_tls_dsn $: "_m4l_tls_smtp STARTTLS failed."
R`'CONFIG		$#error $@ _m4l_tls_dsn $: "_m4l_tls_smtp STARTTLS temporarily not possible."')
ifdef(`_TLS_SESSION_FEATURES_', `dnl

######################################################################
#  tls_srv_features / tls_clt_features: per-peer TLS settings
#  (access map tags TLS_Srv_Features: and TLS_Clt_Features:)
######################################################################
Stls_srv_features
ifdef(`_ACCESS_TABLE_', `dnl
R$* $| $*		$: $>D <$1> <?> <! TLS_Srv_Features> <$2>
R<?> <$*>		$: $>A <$1> <?> <! TLS_Srv_Features> <$1>
R<?> <$*>		$@ ""
R<$+> <$*>		$@ $1', `dnl
R$*		$@ ""')
ifdef(`_ACCESS_TABLE_', `dnl

Stls_clt_feat_acc
R$* $| $*		$: $>D <$1> <?> <! TLS_Clt_Features> <$2>
R<?> <$*>		$: $>A <$1> <?> <! TLS_Clt_Features> <$1>
R<?> <$*>		$@ ""
R<$+> <$*>		$@ $1', `dnl')

Stls_clt_features
R$*			$: $1 $| <>
ifdef(`_ACCESS_TABLE_', `dnl
R$* $| <>		$: $1 $| $>"tls_clt_feat_acc" $1
R$* $| $* $| $*		$: $1 $| $2 $| <$3>', `dnl')
R$* $| $* $| <"">	$@ ""
R$* $| $* $| <$+>	$@ $3
R$*			$@ ""
', `dnl')

######################################################################
#  RelayTLS: relay for clients whose verified certificate issuer (or
#  subject) is listed with RELAY in the access map
######################################################################
SRelayTLS
ifdef(`_ACCESS_TABLE_', `dnl
R$*			$: <?> $&{verify}
R<?> $={TlsVerified}	$: OK				verified
R<?> $*			$@ NO				not verified
ifdef(`_CERT_REGEX_ISSUER_', `R$*			$: $(CERTIssuer $&{cert_issuer} $)',
`R$*			$: $&{cert_issuer}')
R$+			$: $(access CERTISSUER:$1 $)
RRELAY			$# RELAY
ifdef(`_CERT_REGEX_SUBJECT_', `RSUBJECT		$: <@> $(CERTSubject $&{cert_subject} $)',
`RSUBJECT		$: <@> $&{cert_subject}')
R<@> $+			$: <@> $(access CERTSUBJECT:$1 $)
R<@> RELAY		$# RELAY
R$*			$: NO', `dnl')

######################################################################
#  authinfo: credentials for SMTP AUTH as a client
#  (the authinfo map if that feature is used, else AuthInfo: in access)
######################################################################
Sauthinfo
ifdef(`_AUTHINFO_TABLE_', `dnl
R$*		$: <$(authinfo AuthInfo:$&{server_name} $: ? $)>
R<?>		$: <$(authinfo AuthInfo:$&{server_addr} $: ? $)>
R<?>		$: <$(authinfo AuthInfo: $: ? $)>
R<?>		$@ no				nothing known
R<$*>		$# $1', `ifdef(`_ACCESS_TABLE_', `dnl
R$*		$: $1 $| $>D <$&{server_name}> <?> <! AuthInfo> <>
R$* $| <?>$*	$: $1 $| $>A <$&{server_addr}> <?> <! AuthInfo> <>
R$* $| <?>$*	$: $1 $| <$(access AuthInfo: $: ? $)> <>
R$* $| <?>$*	$@ no				nothing known
R$* $| <$*> <>	$# $2', `dnl')')
ifdef(`_RATE_CONTROL_', `dnl

######################################################################
#  RateControl: connection rate limit per client (ClientRate: tag)
######################################################################
SRateControl
ifdef(`_ACCESS_TABLE_', `dnl
R$*		$: <A:$&{client_addr}> <E:>
R$+		$: $>SearchList <! ClientRate> $| $1 <>
R<?>		$@ OK
R<$* <TMPF>>	$#error $@ 4.3.0 $: _m4l_tmpf_msg
R<0>		$@ OK		no limit
R<$+>		$: <$1> $| $(arith l $@ $1 $@ $&{client_rate} $)
R<$+> $| TRUE	$#error $@ 4.3.2 $: _RATE_CONTROL_REPLY Connection rate limit exceeded.', `dnl')', `dnl')
ifdef(`_CONN_CONTROL_', `dnl

######################################################################
#  ConnControl: open connections per client (ClientConn: tag)
######################################################################
SConnControl
ifdef(`_ACCESS_TABLE_', `dnl
R$*		$: <A:$&{client_addr}> <E:>
R$+		$: $>SearchList <! ClientConn> $| $1 <>
R<?>		$@ OK
R<$* <TMPF>>	$#error $@ 4.3.0 $: _m4l_tmpf_msg
R<0>		$@ OK		no limit
R<$+>		$: <$1> $| $(arith l $@ $1 $@ $&{client_connections} $)
R<$+> $| TRUE	$#error $@ 4.3.2 $: _CONN_CONTROL_REPLY Too many open connections.', `dnl')', `dnl')
