divert(-1)
dnl #
dnl # m4lib -- SMTP policy rulesets: access map lookups (D, A, F, E, U,
dnl # SearchList), CanonAddr, ParseRecipient, check_relay, check_mail,
dnl # check_rcpt (with Rcpt_ok/Relay_ok), the delay_checks variant,
dnl # trust_auth, srv_features, clt_features, try_tls.
dnl #
dnl # Result conventions used between these rulesets:
dnl #	$#error ...	reject (the caller stops)
dnl #	$#TEMP ...	temporary failure, keep looking for a reason to relay
dnl #	RELAY		relaying is allowed
dnl #	anything else	no decision yet
dnl #
divert(0)dnl
ifdef(`_ACCESS_TABLE_', `dnl', `divert(-1)')
######################################################################
#  Access map lookups.  All of them take
#	<key> <default> <mode tag> <passthru>
#  where mode is "+" (look up "tag:key", then "key") or "!" (only
#  "tag:key"), and return
#	<map value or default> <passthru>
#  A temporary map failure is returned as <<TMPF>>.  Each of them does
#  its lookups through AccessPair and keeps the answer behind a $|.
######################################################################

#  AccessPair -- <mode tag> <key>  ->  <value> or <?>
SAccessPair
R<$- $-> <$*>		$: <$1> <$3> $| <$(access $2:$3 $: ? $)>
R<+> <$+> $| <?>	$: <+> <$1> $| <$(access $1 $: ? $)>	bare key too
R$* $| $*		$@ $2

#  D -- a domain name, then each parent domain; [a.b.c.d] literals
#  lose one component per round
SD
R<> <$+> <$- $-> <$*>		$: <> <$1> <$2 $3> <$4> $| $>AccessPair <$2 $3> <>
R<> <$+> <$- $-> <$*> $| <$*>	$@ <$5> <> <$1> <$2 $3> <$4>	empty key: answer + input
R<$+> <$+> <$- $-> <$*>		$: <$1> <$2> <$3 $4> <$5> $| $>AccessPair <$3 $4> <$1>
ifdef(`_LOOKUPDOTDOMAIN_', `dnl
R<$+.$+> <$+> <$- $-> <$*> $| <?>	$: <$1.$2> <$3> <$4 $5> <$6> $| $>AccessPair <$4 $5> <.$2>', `dnl')
ifdef(`_ACCESS_SKIP_', `R<$+> <$+> <$- $-> <$*> $| <SKIP>	$@ <$2> <$5>', `dnl')
R<[$+.$-]> <$+> <$- $-> <$*> $| <?>	$@ $>D <[$1]> <$3> <$4 $5> <$6>
ifdef(`NO_NETINET6', `dnl', `dnl
R<[$+::$-]> <$+> <$- $-> <$*> $| <?>	$@ $>D <[$1]> <$3> <$4 $5> <$6>
R<[$+:$-]> <$+> <$- $-> <$*> $| <?>	$@ $>D <[$1]> <$3> <$4 $5> <$6>')
R<$+.$+> <$+> <$- $-> <$*> $| <?>	$@ $>D <$2> <$3> <$4 $5> <$6>	parent domain
R<$+> <$+> <$- $-> <$*> $| <?>		$@ <$2> <$5>			not found
R<$+> <$+> <$- $-> <$*> $| <$* <TMPF>>	$@ <<TMPF>> <$5>
R<$+> <$+> <$- $-> <$*> $| <$*>		$@ <$6> <$5>			found

#  A -- an IP address, then its networks (drop the last component)
SA
R<$+> <$+> <$- $-> <$*>		$: <$1> <$2> <$3 $4> <$5> $| $>AccessPair <$3 $4> <$1>
ifdef(`_ACCESS_SKIP_', `R<$+> <$+> <$- $-> <$*> $| <SKIP>	$@ <$2> <$5>', `dnl')
ifdef(`NO_NETINET6', `dnl', `dnl
R<$+::$-> <$+> <$- $-> <$*> $| <?>	$@ $>A <$1> <$3> <$4 $5> <$6>
R<$+:$-> <$+> <$- $-> <$*> $| <?>	$@ $>A <$1> <$3> <$4 $5> <$6>')
R<$+.$-> <$+> <$- $-> <$*> $| <?>	$@ $>A <$1> <$3> <$4 $5> <$6>	network
R<$+> <$+> <$- $-> <$*> $| <?>		$@ <$2> <$5>			not found
R<$+> <$+> <$- $-> <$*> $| <$* <TMPF>>	$@ <<TMPF>> <$5>
R<$+> <$+> <$- $-> <$*> $| <$*>		$@ <$6> <$5>			found
divert(0)dnl

######################################################################
#  CanonAddr: canonical form of an address for the policy checks
######################################################################
SCanonAddr
R$*			$: $>Parse0 $>canonify $1
ifdef(`_USE_DEPRECATED_ROUTE_ADDR_', `dnl
R< @ $+ > : $* @ $*	< @ $1 > : $2 % $3
R$* < @ $+ > : $* : $*	$3 $1 < @ $2 > : $4
R$* < @ $+ > : $*	$3 $1 < @ $2 >', `dnl')

######################################################################
#  ParseRecipient: strip hosts we relay for from user%host@relayhost
#  style addresses, so the real destination can be checked
######################################################################
SParseRecipient
R$*				$: <?> $>CanonAddr $1
R<?> $* < @ $* . >		<?> $1 < @ $2 >			no trailing dots
R<?> $- < @ $* >		$: <?> $(dequote $1 $) < @ $2 >	unquote the user
# a routing character in the user part needs a closer look
R<?> $* $=O $* < @ $* >		$: <NO> $1 $2 $3 < @ $4>
R<?> $*				$@ $1
ifdef(`_RELAY_ENTIRE_DOMAIN_', `R<NO> $* < @ $* $=m >		$: <RELAY> $1 < @ $2 $3 >', `dnl')
ifdef(`_RELAY_HOSTS_ONLY_', `dnl
R<NO> $* < @ $=R >		$: <RELAY> $1 < @ $2 >
ifdef(`_ACCESS_TABLE_', `dnl
R<NO> $* < @ $+ >		$: <$(access To:$2 $: NO $)> $1 < @ $2 >
R<NO> $* < @ $+ >		$: <$(access $2 $: NO $)> $1 < @ $2 >', `dnl')', `dnl
R<NO> $* < @ $* $=R >		$: <RELAY> $1 < @ $2 $3 >
ifdef(`_ACCESS_TABLE_', `dnl
R<NO> $* < @ $+ >		$: $>D <$2> <NO> <+ To> <$1 < @ $2 >>
R<$+> <$+>			$: <$1> $2', `dnl')')
ifdef(`_RELAY_MX_SERVED_', `dnl
R<NO> $* < @ $+ >		$: <MX> < : $(mxserved $2 $) : > < $1 < @$2 > >
R<MX> < : $* <TEMP> : > $*	$#TEMP $@ 4.4.0 $: "450 Can not check MX records for recipient host " $1
R<MX> < $* : $=w. : $* > < $+ >	$: <RELAY> $4
R<MX> < : $* : > < $+ >		$: <NO> $2', `dnl')
# we relay for that host: look at the inner address
R<RELAY> $* < @ $* >		$@ $>ParseRecipient $1
R<$+> $*			$@ $2

######################################################################
#  check_relay: the connecting client (name $| address)
######################################################################
ifdef(`_CONTROL_IMMEDIATE_', `dnl
Scheck_relay
ifdef(`_RATE_CONTROL_IMMEDIATE_', `R$*		$: $>"RateControl" dummy', `dnl')
ifdef(`_CONN_CONTROL_IMMEDIATE_', `R$*		$: $>"ConnControl" dummy', `dnl')
', `dnl')
SLocal_check_relay
Scheck`'_U_`'relay
ifdef(`_USE_CLIENT_PTR_', `R$* $| $*		$: $&{client_ptr} $| $2', `dnl')
R$*			$: $1 $| $>"Local_check_relay" $1
R$* $| $* $| $#$*	$#$3
R$* $| $* $| $*		$@ $>"Basic_check_relay" $1 $| $2

SBasic_check_relay
# nothing to check in deferred mode
R$*			$: < $&{deliveryMode} > $1
R< d > $*		$@ deferred
R< $* > $*		$: $2
ifdef(`_ACCESS_TABLE_', `dnl
# access map: client name (and parents), then address (and networks)
R$+ $| $+		$: $>D < $1 > <?> <+ Connect> < $2 >
R   $| $+		$: $>A < $1 > <?> <+ Connect> <>	no name
R<?> <$+>		$: $>A < $1 > <?> <+ Connect> <>	name unknown
R<?> <$*>		$: OK				neither
R<$={Accept}> <$*>	$@ $1
R<REJECT> <$*>		$#error ifdef(`confREJECT_MSG', `$: confREJECT_MSG', `$@ 5.7.1 $: "550 Access denied"')
R<DISCARD> <$*>		$#discard $: discard
R<QUARANTINE:$+> <$*>	$#error $@ quarantine $: $1
R<ERROR:$-.$-.$-:$+> <$*>	$#error $@ $1.$2.$3 $: $4
R<ERROR:$+> <$*>		$#error $: $1
R<$* <TMPF>> <$*>		$#error $@ 4.3.0 $: _m4l_tmpf_msg
R<$+> <$*>		$#error $: $1			any other text: an error message', `dnl')
ifdef(`_RBL_', `dnl
R$*			$: $&{client_addr}
R$-.$-.$-.$-		$: <?> $(host $4.$3.$2.$1._RBL_. $: OK $)
R<?>OK			$: OKSOFAR
R<?>$+			$#error $@ 5.7.1 $: "550 Rejected: " $&{client_addr} " listed at _RBL_"', `dnl')
ifdef(`_RATE_CONTROL_', `ifdef(`_RATE_CONTROL_IMMEDIATE_', `dnl', `R$*		$: $>"RateControl" dummy')', `dnl')
ifdef(`_CONN_CONTROL_', `ifdef(`_CONN_CONTROL_IMMEDIATE_', `dnl', `R$*		$: $>"ConnControl" dummy')', `dnl')
undivert(8)dnl DNS block lists
ifdef(`_REQUIRE_RDNS_', `dnl
R$*			$: $&{client_addr} $| $&{client_resolve}
R$=R $*			$@ RELAY			we relay for them
R$* $| OK		$@ OK				reverse DNS fine
R$* $| FAIL		$#error $@ 5.7.1 $: 550 Fix reverse DNS for $1
R$* $| TEMP		$#error $@ 4.1.8 $: 451 Client IP address $1 does not resolve
R$* $| FORGED		$#error $@ 4.1.8 $: 451 Possibly forged hostname for $1', `dnl')

######################################################################
#  check_mail: the envelope sender (MAIL FROM)
######################################################################
SLocal_check_mail
Scheck`'_U_`'mail
R$*			$: $1 $| $>"Local_check_mail" $1
R$* $| $#$*		$#$2
R$* $| $*		$@ $>"Basic_check_mail" $1

SBasic_check_mail
R$*			$: < $&{deliveryMode} > $1
R< d > $*		$@ deferred
R< $* > $*		$: $2
# client certificate requirements come first
R$*			$: $1 $| $>"tls_client" $&{verify} $| MAIL
R$* $| $#$+		$#$2
R$* $| $*		$: $1
# the null sender must always be accepted
R<>			$@ <OK>
ifdef(`_ACCEPT_UNQUALIFIED_SENDERS_', `dnl', `dnl
# user@localhost (or our loopback literals) only from local clients;
# daemon flag f: user@host without a dot too, flag u: no such checks
R$+			$: <?> $1
R<?><$+>		$: <@> <$1>
R<?>$+			$: <@> <$1>
R$*			$: $&{daemon_flags} $| $1
R$* f $* $| <@> < $* @ $- >	$: < ? $&{client_name} > < $3 @ $4 >
R$* u $* $| <@> < $* >	$: <?> < $3 >
R$* $| $*		$: $2
R<@> < $* @ localhost >	$: < ? $&{client_name} > < $1 @ localhost >
R<@> < $* @ [127.0.0.1] >
			$: < ? $&{client_name} > < $1 @ [127.0.0.1] >
R<@> < $* @ [IPv6:0:0:0:0:0:0:0:1] >
			$: < ? $&{client_name} > < $1 @ [IPv6:0:0:0:0:0:0:0:1] >
R<@> < $* @ [IPv6:::1] >
			$: < ? $&{client_name} > < $1 @ [IPv6:::1] >
R<@> < $* @ localhost.$m >
			$: < ? $&{client_name} > < $1 @ localhost.$m >
ifdef(`_NO_UUCP_', `dnl', `R<@> < $* @ localhost.UUCP >
			$: < ? $&{client_name} > < $1 @ localhost.UUCP >')
R<@> $*			$: $1
R<? $=w> $*		$: $2				local client
R<? $+> <$+>		$#error $@ 5.5.4 $: "_CODE553 Real domain name required for sender address"
R<?> $*			$: $1')
# does the domain exist?
R$*			$: <?> $>CanonAddr $1
R<?> $* < @ $+ . >	<?> $1 < @ $2 >
R<?> $* < @ $* $=P >	$: <_RES_OK_> $1 < @ $2 $3 >	pseudo domain
R<?> $* < @ $j >	$: <_RES_OK_> $1 < @ $j >	our own name
ifdef(`_ACCEPT_UNRESOLVABLE_DOMAINS_',
`R<?> $* < @ $+ >	$: <_RES_OK_> $1 < @ $2 >',
`R<?> $* < @ $+ >	$: <? $(resolve $2 $: $2 <PERM> $) > $1 < @ $2 >
R<? $* <$->> $* < @ $+ >
			$: <$2> $3 < @ $4 >')
ifdef(`_ACCESS_TABLE_', `dnl
# access map: From:user@domain, From:user@, From:domain
R<$+> $+ < @ $* >	$: @<$1> <$2 < @ $3 >> $| <F:$2@$3> <U:$2@> <D:$3>
R<$+> $+		$: @<$1> <$2> $| <U:$2@>
R@ <$+> <$*> $| <$+>	$: <@> <$1> <$2> $| $>SearchList <+ From> $| <$3> <>
R<@> <$+> <$*> $| <$*>	$: <$3> <$1> <$2>
R<?> <$+> <$*>		$: <$1> $2			not listed
R<$+> <$+> <$*>		$: <$1> $3			listed', `dnl')
ifdef(`_ACCEPT_UNQUALIFIED_SENDERS_', `dnl', `dnl
# a sender without a domain only from local clients (or flag u)
R<?> $*			$: $&{daemon_flags} $| <?> $1
R$* u $* $| <?> $*	$: <_RES_OK_> $3
R$* $| $*		$: $2
R<?> $*			$: < ? $&{client_addr} > $1
R<?> $*			$@ <_RES_OK_>
R<? $+> $*		$#error $@ 5.5.4 $: "_CODE553 Domain name required for sender address " $&f')
R<?> $*			$: @ $1
R<$={ResOk}> $*		$: @ $2
R<TEMP> $*		$#error $@ 4.1.8 $: "451 Domain of sender address " $&f " does not resolve"
R<PERM> $*		$#error $@ 5.1.8 $: "_CODE553 Domain of sender address " $&f " does not exist"
ifdef(`_ACCESS_TABLE_', `dnl
R<$={Accept}> $*	$# $1
R<DISCARD> $*		$#discard $: discard
R<QUARANTINE:$+> $*	$#error $@ quarantine $: $1
R<REJECT> $*		$#error ifdef(`confREJECT_MSG', `$: confREJECT_MSG', `$@ 5.7.1 $: "550 Access denied"')
R<ERROR:$-.$-.$-:$+> $*		$#error $@ $1.$2.$3 $: $4
R<ERROR:$+> $*		$#error $: $1
R<<TMPF>> $*		$#error $@ 4.3.0 $: _m4l_tmpf_msg
R<$+> $*		$#error $: $1', `dnl')
ifdef(`_BADMX_CHK_', `dnl
R@ $*<@$+>$*		$: $1<@$2>$3 $| $>BadMX $2
R$* $| $#$*		$#$2

#  BadMX: reject domains whose MX hosts are unusable
SBadMX
R$+				$:<MX><$1><:$(mxlist $1$):><:>
R<MX><$+><:$*<TEMP>:><$*>	$#error $@ 4.1.2 $: "450 MX lookup failure for "$1
R<MX><$*><:$+:$*><:$*>		<MX><$1><:$3><: $4 $(badmx $2 $):>
R<MX><$*><$*><$*<BADMX>:$*>	$#error $@ 5.1.2 $:"550 Illegal MX record for host "$1
R<MX><$*><$*><$*>		$:<MX><$1><$3><$2>
R<MX><$*><:$+:$*><:$*>		<MX><$1><:$3><:$4 $(dnsA $2 $) :>
R<MX><$*><$*><$*>		$:<MX><$1><$3><$2>
R<MX><$*><:$+:$*><:$*>		<MX><$1><:$3><:$4 $(BadMXIP $2 $) :>
R<MX><$*><$*><$*<BADMXIP>:$*>	$#error $@ 5.1.2 $:"550 Invalid MX record for host "$1', `dnl')

######################################################################
#  check_rcpt: the envelope recipient (RCPT TO)
######################################################################
SLocal_check_rcpt
Scheck`'_U_`'rcpt
R$*			$: $1 $| $>"Local_check_rcpt" $1
R$* $| $#$*		$#$2
R$* $| $*		$@ $>"Basic_check_rcpt" $1

SBasic_check_rcpt
R<>			$#error $@ nouser $: "553 User address required"
R$@			$#error $@ nouser $: "553 User address required"
R$*			$: < $&{deliveryMode} > $1
R< d > $*		$@ deferred
R< $* > $*		$: $2
ifdef(`_REQUIRE_QUAL_RCPT_', `dnl
R$+			$: <?> $1
R<?> <$+>		$: <@> <$1>
R<?> $+			$: <@> <$1>
R<@> < postmaster >	$: postmaster
R<@> < $* @ $+ . $+ >	$: < $1 @ $2 . $3 >
R<@> $*			$: $&{daemon_flags} $| <@> $1
R$* r $* $| <@> < $+ @ $+ >	$: < $3 @ $4 >
R$* r $* $| <@> < $* >	$: < ? $&{client_name} > < $3 >
R<?> < $* >		$: <$1>
R<? $=w> < $* >		$: <$1>
R<? $+> <$+>		$#error $@ 5.5.4 $: "553 Fully qualified domain name required"
R$* $| <@> $*		$: $2', `dnl')
# first: is the recipient acceptable as such (ours, relay domain ...)?
R$*			$: $1 $| @ $>"Rcpt_ok" $1
R$* $| @ $#TEMP $+	$: $1 $| T $2			remember temp failure
R$* $| @ $#$*		$#$2
ifdef(`_PROMISCUOUS_RELAY_', `divert(-1)', `dnl')
R$* $| @ RELAY		$@ RELAY
# then: is the client allowed to relay?
R$* $| @ $*		$: O $| $>"Relay_ok" $1
R$* $| T $+		$: T $2 $| $>"Relay_ok" $1
R$* $| $#TEMP $+	$#error $2
R$* $| $#$*		$#$2
R$* $| RELAY		$@ RELAY
R T $+ $| $*		$#error $1
R$*			$#error $@ 5.7.1 $: confRELAY_MSG
divert(0)dnl

######################################################################
#  Rcpt_ok: may this recipient get mail through us?
######################################################################
SRcpt_ok
ifdef(`_LOOSE_RELAY_CHECK_', `dnl
R$*			$: $>CanonAddr $1
R$* < @ $* . >		$1 < @ $2 >', `dnl
R$*			$: $>ParseRecipient $1')
ifdef(`_BESTMX_IS_LOCAL_', `dnl
ifelse(_BESTMX_IS_LOCAL_, `',
`R$* < @ $* > $*			$: $1 < @ $2 @@ $(bestmx $2 $) > $3',
`R$* < @ $* $=B > $*		$: $1 < @ $2 $3 @@ $(bestmx $2 $3 $) > $4')
R$* $=O $* < @ $* @@ $=w . > $*	$@ $>"Rcpt_ok" $1 $2 $3
R$* < @ $* @@ $=w . > $*	$: $1 < @ $3 > $4
R$* < @ $* @@ $* > $*		$: $1 < @ $2 > $4', `dnl')
ifdef(`_BLOCKLIST_RCPT_', `ifdef(`_ACCESS_TABLE_', `dnl
# recipients blocked in the access map (To:user@dom, To:user@, To:dom)
R$*			$: <?> $1
R<?> $+ < @ $=w >	$: <> <$1 < @ $2 >> $| <F:$1@$2> <U:$1@> <D:$2>
R<?> $+ < @ $* >	$: <> <$1 < @ $2 >> $| <F:$1@$2> <D:$2>
R<?> $+			$: <> <$1> $| <U:$1@>
R<> <$*> $| <$+>	$: <@> <$1> $| $>SearchList <+ To> $| <$2> <>
R<@> <$*> $| <$*>	$: <$2> <$1>
R<?> <$*>		$: @ $1
R<$={Accept}> <$*>	$: @ $2
ifdef(`_ACCESS_SKIP_', `R<SKIP> <$*>		$: @ $1', `dnl')
ifdef(`_DELAY_COMPAT_8_10_', `R<$={SpamTag}> <$*>	$: @ $2', `dnl')
R<REJECT> $*		$#error $@ 5.2.1 $: confRCPTREJ_MSG
R<DISCARD> $*		$#discard $: discard
R<QUARANTINE:$+> $*	$#error $@ quarantine $: $1
R<ERROR:$-.$-.$-:$+> $*		$#error $@ $1.$2.$3 $: $4
R<ERROR:$+> $*		$#error $: $1
R<<TMPF>> $*		$#error $@ 4.3.0 $: _m4l_tmpf_msg
R<$+> $*		$#error $: $1
R@ $*			$1', `dnl')', `dnl')
ifdef(`_PROMISCUOUS_RELAY_', `divert(-1)', `dnl')
# client certificate trusted for relaying?
R$*			$: $1 $| $>RelayTLS
R$* $| $# $+		$# $2
R$* $| $*		$: $1
# SMTP AUTH
R$*			$: $1 $| $>"Local_Relay_Auth" $&{auth_type}
R$* $| $# $*		$# $2
R$* $| NO		$: $1
R$* $| $*		$: $1 $| $&{auth_type}
R$* $|			$: $1
R$* $| $={TrustAuthMech}	$# RELAY
R$* $| $*		$: $1
ifelse(defn(`_NO_UUCP_'), `r', `dnl
R$* ! $* < @ $* >	$: <REMOTE> $2 < @ BANG_PATH >
R$* ! $*		$: <REMOTE> $2 < @ BANG_PATH >', `dnl')
ifelse(defn(`_NO_PERCENTHACK_'), `r', `dnl
R$* % $* < @ $* >	$: <REMOTE> $1 < @ PERCENT_HACK >
R$* % $*		$: <REMOTE> $1 < @ PERCENT_HACK >', `dnl')
# delivered here or relayed for a listed domain
ifdef(`_RELAY_ENTIRE_DOMAIN_', `R$+ < @ $* $=m >	$@ RELAY', `dnl')
R$+ < @ $=w >		$@ RELAY
ifdef(`_RELAY_HOSTS_ONLY_', `dnl
R$+ < @ $=R >		$@ RELAY
ifdef(`_ACCESS_TABLE_', `ifdef(`_RELAY_FULL_ADDR_', `dnl
R$+ < @ $+ >		$: <$(access To:$1@$2 $: ? $)> <$1 < @ $2 >>
R<?> <$+ < @ $+ >>	$: <$(access To:$2 $: ? $)> <$1 < @ $2 >>', `dnl
R$+ < @ $+ >		$: <$(access To:$2 $: ? $)> <$1 < @ $2 >>')
R<?> <$+ < @ $+ >>	$: <$(access $2 $: ? $)> <$1 < @ $2 >>', `dnl')', `dnl
R$+ < @ $* $=R >	$@ RELAY
ifdef(`_ACCESS_TABLE_', `ifdef(`_RELAY_FULL_ADDR_', `dnl
R$+ < @ $+ >		$: $1 < @ $2 > $| $>SearchList <+ To> $| <F:$1@$2> <D:$2> <F:$1@> <>
R$+ < @ $+ > $| <$*>	$: <$3> <$1 <@ $2>>
R$+ < @ $+ > $| $*	$: <$3> <$1 <@ $2>>', `dnl
R$+ < @ $+ >		$: $>D <$2> <?> <+ To> <$1 < @ $2 >>')', `dnl')')
ifdef(`_ACCESS_TABLE_', `dnl
R<RELAY> $*		$@ RELAY
R<$* <TMPF>> $*		$#TEMP $@ 4.3.0 $: _m4l_tmpf_msg
R<$*> <$*>		$: $2', `dnl')
ifdef(`_RELAY_MX_SERVED_', `dnl
# we are an MX host for the destination
R$+ < @ $+ >		$: < : $(mxserved $2 $) : > $1 < @ $2 >
R< : $* <TEMP> : > $*	$#TEMP $@ 4.4.0 $: "450 Can not check MX records for recipient host " $1
R<$* : $=w . : $*> $*	$@ RELAY
R< : $* : > $*		$: $2', `dnl')
# a user name without host is local
R$*			$: <?> $1
R<?> $* < @ $+ >	$: <REMOTE> $1 < @ $2 >
ifdef(`_REQUIRE_QUAL_RCPT_', `dnl
R<?> postmaster		$@ OK
R<?> $+			$: $&{daemon_flags} $| <?> $1
R$* r $* $| <?> $+	$: < ? $&{client_name} > <?> $3
R$* $| <?> $+		$@ RELAY
R<?> <?> $+		$@ RELAY
R<? $=w> <?> $+		$@ RELAY
R<? $+> $+		$#error $@ 5.5.4 $: "553 Domain name required"', `dnl
R<?> $+			$@ RELAY')
R<$+> $*		$: $2

######################################################################
#  Relay_ok: may this client relay?
######################################################################
SRelay_ok
R$*			$: $&{client_addr}
R$@			$@ RELAY		no client address: local submission
R0			$@ RELAY
R127.0.0.1		$@ RELAY
RIPv6:0:0:0:0:0:0:0:1	$@ RELAY
RIPv6:::1		$@ RELAY
R$=R $*			$@ RELAY		relay network
ifdef(`_DRAC_', `dnl
# addresses that authenticated recently (POP/IMAP before SMTP)
R$*			$: <> $(drac $1 $: <?> $1 $)
R<> <?> $+		$: $1
R<> $+			$@ RELAY
RIPv6:$*		$: <> $(drac $1 $: <?> IPv6:$1 $)
R<> <?> $+		$: $1
R<> $+			$@ RELAY', `dnl')
ifdef(`_ACCESS_TABLE_', `dnl
R$*			$: $>A <$1> <?> <+ Connect> <$1>
R<RELAY> $*		$@ RELAY
R<$* <TMPF>> $*		$#TEMP $@ 4.3.0 $: _m4l_tmpf_msg
R<$*> <$*>		$: $2', `dnl')
R$*			$: [ $1 ]
R$=w			$@ RELAY		one of our own addresses
ifdef(`_RELAY_DB_FROM_', `define(`_RELAY_MAIL_FROM_', `1')')dnl
ifdef(`_RELAY_LOCAL_FROM_', `define(`_RELAY_MAIL_FROM_', `1')')dnl
ifdef(`_RELAY_MAIL_FROM_', `dnl
# relaying allowed because of the sender address
R$*			$: <?> $>CanonAddr $&f
R<?> $+ < @ $+ . >	<?> $1 < @ $2 >
ifdef(`_RELAY_LOCAL_FROM_', `R<?> $+ < @ $=w >	$@ RELAY', `dnl')
ifdef(`_RELAY_DB_FROM_', `dnl
R<?> $+ < @ $+ >	$: <@> $>SearchList <! From> $| <F:$1@$2> ifdef(`_RELAY_DB_FROM_DOMAIN_', ifdef(`_RELAY_HOSTS_ONLY_', `<E:$2>', `<D:$2>')) <>
R<@> <RELAY>		$@ RELAY
R<@> <<TMPF>>		$#TEMP $@ 4.3.0 $: _m4l_tmpf_msg', `dnl')', `dnl')
# the client name: must be known, then ours or a relay domain
R$*			$: < $&{client_resolve} >
R<TEMP>			$#TEMP $@ 4.4.0 $: "450 Relaying temporarily denied. Cannot resolve PTR record for " $&{client_addr}
R<FORGED>		$#error $@ 5.7.1 $: "550 Relaying denied. IP name possibly forged " $&{client_name}
R<FAIL>			$#error $@ 5.7.1 $: "550 Relaying denied. IP name lookup failed " $&{client_name}
R$*			$: <@> $&{client_name}
R<@> $* $=P		$:<?>  $1 $2
R<@> $+			$:<?>  $[ $1 $]
R$* .			$1
ifdef(`_RELAY_ENTIRE_DOMAIN_', `R<?> $* $=m		$@ RELAY', `dnl')
R<?> $=w		$@ RELAY
ifdef(`_RELAY_HOSTS_ONLY_', `dnl
R<?> $=R		$@ RELAY
ifdef(`_ACCESS_TABLE_', `dnl
R<?> $*			$: <$(access Connect:$1 $: ? $)> <$1>
R<?> <$*>		$: <$(access $1 $: ? $)> <$1>', `dnl')', `dnl
R<?> $* $=R			$@ RELAY
ifdef(`_ACCESS_TABLE_', `R<?> $*			$: $>D <$1> <?> <+ Connect> <$1>', `dnl')')
ifdef(`_ACCESS_TABLE_', `dnl
R<RELAY> $*		$@ RELAY
R<$* <TMPF>> $*		$#TEMP $@ 4.3.0 $: _m4l_tmpf_msg
R<$*> <$*>		$: $2', `dnl')
divert(0)dnl
ifdef(`_DELAY_CHECKS_', `dnl

######################################################################
#  delay_checks: check_rcpt runs the recipient check first and the
#  client and sender checks only afterwards
######################################################################
#  FullAddr: user<@domain> (unqualified users get $j)
SFullAddr
R$* <@ $+ . >		$1 <@ $2 >
R$* <@ $* >		$@ $1 <@ $2 >
R$+			$@ $1 <@ $j >

#  Delay_TLS_Clt: recipient accepted with $#: still honour tls_client
SDelay_TLS_Clt
R$*			$: $1 $| $>"tls_client" $&{verify} $| MAIL
R$* $| $#$+		$#$2
R$* $| $*		$# $1
R$*			$# $1

#  Delay_TLS_Clt2: the same for spam friend/hater results
SDelay_TLS_Clt2
R$*			$: $1 $| $>"tls_client" $&{verify} $| MAIL
R$* $| $#$+		$#$2
R$* $| $*		$@ $1
R$*			$@ $1

Scheck_rcpt
R$+			$: $1 $| $>checkrcpt $1
R$+ $| $#error $*	$#error $2
R$+ $| $#discard $*	$#discard $2
R$+ $| $#$*		$@ $>"Delay_TLS_Clt" $2
R$+ $| $*		$: <?> $>FullAddr $>CanonAddr $1
ifdef(`_SPAM_FH_', `dnl
R<?> $+ < @ $=w >	$: <> $1 < @ $2 > $| <F: $1@$2 > <D: $2 > <U: $1@>
R<?> $+ < @ $* >	$: <> $1 < @ $2 > $| <F: $1@$2 > <D: $2 >
R<> $* $| <$+>		$: <@> $1 $| $>SearchList <! Spam> $| <$2> <>
R<@> $* $| $*		$: $2 $1', `dnl')
ifdef(`_SPAM_FRIEND_', `dnl
R<FRIEND> $+		$@ $>"Delay_TLS_Clt2" SPAMFRIEND
R<$*> $+		$: $2', `dnl')
ifdef(`_SPAM_HATER_', `dnl
R<HATER> $+		$: $1
R<$*> $+		$@ $>"Delay_TLS_Clt2" NOSPAMHATER', `dnl')
ifdef(`_FFR_MAIL_MACRO',
`R$*			$: $1 $| $>checkmail $&{mail_from}',
`R$*			$: $1 $| $>checkmail <$&f>')
R$* $| $#$*		$#$2
R$* $| $*		$: $1 $| $>checkrelay $&{client_name} $| $&{client_addr}
R$* $| $#$*		$#$2
R$* $| $*		$: $1
', `dnl')
ifdef(`_BLOCK_BAD_HELO_', `dnl
# block_bad_helo: HELO must be a qualified name that is not ours
R$*			$: $1 $| <$&{auth_authen}>
R$* $| <$+>		$: $1				authenticated
R$* $| <$*>		$: $1 $| <$&{client_addr}> [$&s]
R$* $| <$=R $*> [$*]	$: $1				relay network
R$* $| <0> [$*]		$: $1				sendmail -bs
R$* $| <$*> $=w		$#error $@ 5.7.1 $:"550 bogus HELO name used: " $&s
R$* $| <$*> [$=w]	$#error $@ 5.7.1 $:"550 bogus HELO name used: " $&s
R$* $| <$*> [$+.$+]	$: $1
R$* $| <$*> [IPv6:$+]	$: $1
R$* $| <$*> [$*]	$#error $@ 5.7.1 $:"550 bogus HELO name used: " $&s
R$* $| $*		$: $1
', `dnl')
ifdef(`_ACCESS_TABLE_', `dnl', `divert(-1)')

######################################################################
#  More access map lookups (same calling convention as D and A)
######################################################################
#  F -- a full address; with user+detail@dom also user+*@dom, user@dom
SF
R<$+> <$*> <$- $-> <$*>		$: <$1> <$2> <$3 $4> <$5> $| $>AccessPair <$3 $4> <$1>
R<$+ + $* @ $+> <$*> <$- $-> <$*> $| <?>
			$: <$1+$2@$3> <$4> <$5 $6> <$7> $| $>AccessPair <$5 $6> <$1+*@$3>
R<$+ + $* @ $+> <$*> <$- $-> <$*> $| <?>
			$: <$1+$2@$3> <$4> <$5 $6> <$7> $| $>AccessPair <$5 $6> <$1@$3>
R<$+> <$*> <$- $-> <$*> $| <?>		$@ <$2> <$5>
R<$+> <$*> <$- $-> <$*> $| <$* <TMPF>>	$@ <<TMPF>> <$5>
R<$+> <$*> <$- $-> <$*> $| <$*>		$@ <$6> <$5>

#  E -- exactly the key (which may be empty: then only "tag:")
SE
R<$*> <$*> <$- $-> <$*>		$: <$1> <$2> <$3 $4> <$5> $| $>AccessPair <$3 $4> <$1>
R<$+> <$*> <$- $-> <$*> $| <?>		$@ <$2> <$5>
R<$*> <$*> <$- $-> <$*> $| <$* <TMPF>>	$@ <<TMPF>> <$5>
R<$*> <$*> <$- $-> <$*> $| <$*>		$@ <$6> <$5>

#  U -- a user part "user@"; with user+detail@ also user+*@, user@
SU
R<$+> <$*> <$- $-> <$*>		$: <$1> <$2> <$3 $4> <$5> $| $>AccessPair <$3 $4> <$1>
R<$+ + $* @> <$*> <$- $-> <$*> $| <?>
			$: <$1+$2@> <$3> <$4 $5> <$6> $| $>AccessPair <$4 $5> <$1+*@>
R<$+ + $* @> <$*> <$- $-> <$*> $| <?>
			$: <$1+$2@> <$3> <$4 $5> <$6> $| $>AccessPair <$4 $5> <$1@>
R<$+> <$*> <$- $-> <$*> $| <?>		$@ <$2> <$5>
R<$+> <$*> <$- $-> <$*> $| <$* <TMPF>>	$@ <<TMPF>> <$5>
R<$+> <$*> <$- $-> <$*> $| <$*>		$@ <$6> <$5>

######################################################################
#  SearchList: <mode tag> $| <K:key> <K:key> ... <>
#  K names the lookup (D, E, F, U, and A with ratecontrol or
#  conncontrol); returns the first <value> found, or <?>
######################################################################
C{Src}E F D U ifdef(`_FFR_SRCHLIST_A', `A')
SSearchList
R<$+> $| <$={Src}:$*> <$*>	$: <$1> $| <$4> $| $>SearchOne <$2:$3> <$1>
R<$+> $| <> $| <?> <>		$@ <?>				list done
R<$+> $| <$+> $| <?> <>		$@ $>SearchList <$1> $| <$2>	try the next
R<$+> $| <$*> $| <$+> <>	$@ <$3>				found
R<$+> $| <$+>			$@ <$2>

#  SearchOne: <K:key> <mode tag> -- one entry of the list
SSearchOne
R<D:$*> <$+>		$@ $>D <$1> <?> <$2> <>
R<E:$*> <$+>		$@ $>E <$1> <?> <$2> <>
R<F:$*> <$+>		$@ $>F <$1> <?> <$2> <>
R<U:$*> <$+>		$@ $>U <$1> <?> <$2> <>
ifdef(`_FFR_SRCHLIST_A', `R<A:$*> <$+>		$@ $>A <$1> <?> <$2> <>', `dnl')
divert(0)dnl

######################################################################
#  trust_auth: may the authenticated user act for AUTH=<other>?
######################################################################
SLocal_trust_auth
Strust_auth
R$*			$: $&{auth_type} $| $1
R$@ $| $*		$#error $@ 5.7.1 $: "550 not authenticated"
R$* $| $&{auth_authen}		$@ identical
R$* $| <$&{auth_authen}>	$@ identical
R$* $| $*		$: $1 $| $>"Local_trust_auth" $2
R$* $| $#$*		$#$2
R$*			$#error $@ 5.7.1 $: "550 " $&{auth_authen} " not allowed to act as " $&{auth_author}

#  Local_Relay_Auth: site hook, called with ${auth_type}
SLocal_Relay_Auth

######################################################################
#  srv_features / clt_features: SMTP extensions offered / used,
#  per client / server, from the access map
######################################################################
Ssrv_features
ifdef(`_LOCAL_SRV_FEATURES_', `dnl
R$*			$: $1 $| $>"Local_srv_features" $1
R$* $| $#$*		$#$2
R$* $| $*		$: $1', `dnl')
ifdef(`_ACCESS_TABLE_', `dnl
R$*		$: $>D <$&{client_name}> <?> <! SRV_FEAT_TAG> <>
R<?>$*		$: $>A <$&{client_addr}> <?> <! SRV_FEAT_TAG> <>
R<?>$*		$: <$(access SRV_FEAT_TAG: $: ? $)>
R<?>$*		$@ OK
R<$* <TMPF>>$*	$#temp
R<$+>$*		$# $1', `dnl')

Sclt_features
ifdef(`_LOCAL_CLT_FEATURES_', `dnl
R$*			$: $1 $| $>"Local_clt_features" $1
R$* $| $#$*		$#$2
R$* $| $*		$: $1', `dnl')
ifdef(`_ACCESS_TABLE_', `dnl
R$*		$: $>D <$&{client_name}> <?> <! CLT_FEAT_TAG> <>
R<?>$*		$: $>A <$&{client_addr}> <?> <! CLT_FEAT_TAG> <>
R<?>$*		$: <$(access CLT_FEAT_TAG: $: ? $)>
R<?>$*		$@ OK
R<$* <TMPF>>$*	$#temp
R<$+>$*		$# $1', `dnl')

######################################################################
#  try_tls: use STARTTLS with this server?
######################################################################
Stry_tls
ifdef(`_LOCAL_TRY_TLS_', `dnl
R$*			$: $1 $| $>"Local_try_tls" $1
R$* $| $#$*		$#$2
R$* $| $*		$: $1', `dnl')
ifdef(`_ACCESS_TABLE_', `dnl
R$*		$: $>D <$&{server_name}> <?> <! TLS_TRY_TAG> <>
R<?>$*		$: $>A <$&{server_addr}> <?> <! TLS_TRY_TAG> <>
R<?>$*		$: <$(access TLS_TRY_TAG: $: ? $)>
R<?>$*		$@ OK
R<$* <TMPF>>$*	$#error $@ 4.3.0 $: _m4l_tmpf_msg
R<NO>$*		$#error $@ 5.7.1 $: "550 do not try TLS with " $&{server_name} " ["$&{server_addr}"]"', `dnl')
