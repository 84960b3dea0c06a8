divert(-1)
dnl #
dnl # m4lib -- address rulesets: canonify (3), Canonify2 (96), final (4),
dnl # Recurse (97), parse (0) with Parse0/ParseLocal (98)/Parse1,
dnl # localaddr (5), Mailertable (90), MailerToTriple (95), CanonLocal,
dnl # MasqHdr (93) and MasqEnv (94).
dnl #
dnl # Internal form of an address: local-part < @ domain . > -- the domain is
dnl # "focused" in angle brackets, a trailing dot marks it as canonical.
dnl #
divert(0)dnl

###########################################################
#  canonify (3): bring an address into the internal form  #
###########################################################
Scanonify=3

# the empty address is represented by the <@> token
R$@			$@ <@>

# RFC 822 group syntax "phrase: a, b;" -- drop the phrase.  A tag <@>
# is appended to decide whether the first colon introduces a group:
# not inside <...>, not in @route: paths, IPv6 literals, node::user or
# :include: files.
R$*			$: $1 <@>			tag
R$* < $* > $* <@>	$: $1 < $2 > $3			angle brackets: untag
R@ $* <@>		$: @ $1				route: untag
R$* [ IPv6 : $+ ] <@>	$: $1 [ IPv6 : $2 ]		IPv6 literal: untag
R$* :: $* <@>		$: $1 :: $2			DECnet: untag
R:`include': $* <@>	$: :`include': $1			include file: untag
R$* : $* [ $* ]		$: $1 : $2 [ $3 ] <@>		colon before a literal: tag again
R$* : $* <@>		$: $2				tagged: drop the phrase
R$* <@>			$: $1				remove tag
R$* ;			   $1				drop trailing semicolons
R$* < $+ :; > $*	$@ $2 :; <@>			<list:;> -- empty group
R$* < $* ; >		   $1 < $2 >			semicolon inside brackets

# an empty group leaves nothing
R$@			$@ :; <@>

# keep the innermost <...> (RFC 733 style "phrase <addr>")
R$*			$: < $1 >			wrap
R$+ < $* >		   < $2 >			drop text on the left
R< $* > $+		   < $1 >			drop text on the right
R<>			$@ < @ >			MAIL FROM:<>
R< $+ >			$: $1				unwrap

ifdef(`_USE_DEPRECATED_ROUTE_ADDR_', `dnl
# keep source routes <@a,@b:user@d> (all commas become colons)
R@ $+ , $+		@ $1 : $2
ifdef(`NO_NETINET6', `dnl', `R@ [$+] : $+		$@ $>Canonify2 < @ [$1] > : $2')
R@ $+ : $+		$@ $>Canonify2 < @$1 > : $2
', `dnl
# source routes <@a,@b:user@d> are reduced to user@d
R@ $+ , $+		$2
ifdef(`NO_NETINET6', `dnl', `R@ [ $* ] : $+		$2')
R@ $+ : $+		$2
')
# list syntax
R $+ : $* ; @ $+	$@ $>Canonify2 $1 : $2 ; < @ $3 >
R $+ : $* ;		$@ $1 : $2;

# user@domain: focus on the part after the last @
R$+ @ $+		$: $1 < @ $2 >
R$+ < $+ @ $+ >		$1 $2 < @ $3 >			move right
R$+ < @ $+ >		$@ $>Canonify2 $1 < @ $2 >

ifdef(`_NO_UUCP_', `dnl', `dnl
# bang paths become domain addresses
R$- ! $+		$@ $>Canonify2 $2 < @ $1 .UUCP >	host!user
R$+ . $- ! $+		$@ $>Canonify2 $3 < @ $1 . $2 >		dotted.host!user
R$+ ! $+		$@ $>Canonify2 $2 < @ $1 .UUCP >	a!b!user
')
ifdef(`_USE_DECNET_SYNTAX_', `dnl
# DECnet node::user
R$- :: $+		$@ $>Canonify2 $2 < @ $1 .DECNET >	node::user
R$- . $- :: $+		$@ $>Canonify2 $3 < @ $1.$2 .DECNET >	numeric node
', `dnl')
ifdef(`_NO_PERCENTHACK_', `dnl', `dnl
# user%host: the rightmost % acts as @
R$* % $*		$1 @ $2				all % to @
R$* @ $* @ $*		$1 % $2 @ $3			all but the last back to %
')
R$* @ $*		$@ $>Canonify2 $1 < @ $2 >	focus

# no host part: a local name
R$*			$@ $>Canonify2 $1


##############################################################
#  Canonify2 (96): canonical domain names, local names get   #
#  a trailing dot                                            #
##############################################################
SCanonify2=96

# localhost means this host
R$* < @ localhost > $*		$: $1 < @ $j . > $2
R$* < @ localhost . $m > $*	$: $1 < @ $j . > $2
ifdef(`_NO_UUCP_', `dnl', `R$* < @ localhost . UUCP > $*	$: $1 < @ $j . > $2')

# address literals: ours become $j, others stay as they are
R$* < @ [ $+ ] > $*		$: $1 < @@ [ $2 ] > $3		mark literal
R$* < @@ $=w > $*		$: $1 < @ $j . > $3		our own address
R$* < @@ $+ > $*		$@ $1 < @ $2 > $3		some other address

ifdef(`_DOMAIN_TABLE_', `# domain renaming
R$* < @ $+ > $*		$: $1 < @ $(domaintable $2 $) > $3', `dnl')

undivert(2)dnl LOCAL_RULE_3

ifdef(`_BITDOMAIN_TABLE_', `R$* < @ $+ .BITNET > $*		$: $1 < @ $(bitdomain $2 $: $2.BITNET $) > $3', `dnl')
ifdef(`_UUDOMAIN_TABLE_', `R$* < @ $+ .UUCP > $*		$: $1 < @ $(uudomain $2 $: $2.UUCP $) > $3', `dnl')
ifdef(`_NO_UUCP_', `dnl', `ifdef(`UUCP_RELAY', `dnl
# .UUCP goes to the UUCP relay unchanged
R$* < @ $+ . UUCP > $*		$@ $1 < @ $2 . UUCP . > $3', `dnl
# directly connected UUCP sites
ifdef(`_CLASS_U_', `R$* < @ $=U . UUCP > $*	$@ $1 < @ $2 . UUCP . > $3', `dnl')
ifdef(`_CLASS_V_', `R$* < @ $=V . UUCP > $*	$@ $1 < @ $2 . UUCP . > $3', `dnl')
ifdef(`_CLASS_W_', `R$* < @ $=W . UUCP > $*	$@ $1 < @ $2 . UUCP . > $3', `dnl')
ifdef(`_CLASS_X_', `R$* < @ $=X . UUCP > $*	$@ $1 < @ $2 . UUCP . > $3', `dnl')
ifdef(`_CLASS_Y_', `R$* < @ $=Y . UUCP > $*	$@ $1 < @ $2 . UUCP . > $3', `dnl')
ifdef(`_NO_CANONIFY_', `dnl', `dnl
# a .UUCP name that is really an Internet host
R$* < @ $+ . UUCP > $*		$: $1 < @ $[ $2 $] . UUCP . > $3
R$* < @ $+ . . UUCP . > $*	$@ $1 < @ $2 . > $3')
')')
# a last label in class P makes the name canonical as it is
R$* < @ $* $=P > $*		$: $1 < @ $2 $3 . > $4
# otherwise decide by the daemon flags (c: canonify, CC: do not)
R$* < @ $* $~P > $*		$: $&{daemon_flags} $| $1 < @ $2 $3 > $4
ifdef(`_NO_CANONIFY_', `dnl
# nocanonify: only domains in class {Canonify} or daemons with flag c
R$* $| $* < @ $* $={Canonify} > $*	$: $2 < @ $[ $3 $4 $] > $5
R$* c $* $| $* < @ $* > $*	$: $3 < @ $[ $4 $] > $5
R$* $| $* < @ $+ . > $*		$: $2 < @ $3 . > $4		already dotted
R$* $| $* < @ $+.$+ > $*	$: $2 < @ $3.$4 . > $5		qualified: add the dot
ifdef(`_CANONIFY_HOSTS_', `R$* $| $* < @ $* > $*		$: $2 < @ $[ $3 $] > $4		look up short names', `dnl')', `dnl
R$* CC $* $| $* < @ $+.$+ > $*	$: $3 < @ $4.$5 . > $6		CC: no lookup
R$* CC $* $| $*			$: $3
# ask the resolver for the canonical name
R$* $| $* < @ $* > $*		$: $2 < @ $[ $3 $] > $4')
R$* $| $*			$: $2				drop the flags

# our own names and pseudo domains are canonical too
R$* < @ $=w > $*		$: $1 < @ $2 . > $3
ifdef(`_MASQUERADE_ENTIRE_DOMAIN_',
`R$* < @ $* $=M > $*		$: $1 < @ $2 $3 . > $4',
`R$* < @ $=M > $*		$: $1 < @ $2 . > $3')
ifdef(`_VIRTUSER_TABLE_', `ifdef(`_VIRTUSER_ENTIRE_DOMAIN_',
`R$* < @ $* $={VirtHost} > $*	$: $1 < @ $2 $3 . > $4',
`R$* < @ $={VirtHost} > $*	$: $1 < @ $2 . > $3')', `dnl')
ifdef(`_GENERICS_TABLE_', `ifdef(`_GENERICS_ENTIRE_DOMAIN_',
`R$* < @ $* $=G > $*	$: $1 < @ $2 $3 . > $4',
`R$* < @ $=G > $*	$: $1 < @ $2 . > $3')', `dnl')
# never more than one trailing dot
R$* < @ $* . . > $*		$1 < @ $2 . > $3


#######################################################
#  final (4): back from the internal form to text     #
#######################################################
Sfinal=4

R$+ :; <@>		$@ $1 :				empty group
R$* <@>			$@				null address
R$* < @ $+ . > $*	$1 < @ $2 > $3			no trailing dots
R$* < @ *LOCAL* > $*	$1 < @ $j > $2			placeholder for us
R$* < $+ > $*		$1 $2 $3			unfocus
R@ $+ : @ $+ : $+	@ $1 , @ $2 : $3		source route commas
R@ $*			$@ @ $1				route address: done
ifdef(`_NO_UUCP_', `dnl', `R$+ @ $- . UUCP		$2!$1				UUCP as bang path')
ifdef(`_USE_DECNET_SYNTAX_', `R$+ @ $+ . DECNET	$2 :: $1			DECnet as node::user', `dnl')
R$+ % $=w @ $=w		$1 @ $2				u%us@us is u@us


#################################################################
#  Recurse (97): canonify again and parse (after a table told   #
#  us to use a new address)                                     #
#################################################################
SRecurse=97
R$*			$: $>canonify $1
R$*			$@ $>parse $1


#####################################################################
#  parse (0): choose mailer, host and user for an address           #
#####################################################################
Sparse=0

R$*			$: $>Parse0 $1			syntax checks, drop local parts
R<@>			$#_LOCAL_ $: <@>		null address (error messages)
R$*			$: $>ParseLocal $1		site rules
R$*			$: $>Parse1 $1			routing


#  Parse0: reject malformed addresses; strip our own name from routed
#  addresses.  Returns the address or an $#error triple.
SParse0
R<@>			$@ <@>
R$* : $* ; <@>		$#error $@ 5.1.3 $: "_CODE553 List:; syntax illegal for recipient addresses"
R@ <@ $* >		< @ $1 >			@@host
R<@ $+>			$#error $@ 5.1.3 $: "_CODE553 User address required"
R$+ <@>			$#error $@ 5.1.3 $: "_CODE553 Hostname required"
R$*			$: <> $1			start host checks
R<> $* < @ [ $* ] : $+ > $*	$1 < @ [ $2 ] : $3 > $4		[a]:[b] is fine
R<> $* < @ [ $* ] , $+ > $*	$1 < @ [ $2 ] , $3 > $4
R<> $* < @ [ $* ] $+ > $*	$#error $@ 5.1.2 $: "_CODE553 Invalid address"
R<> $* < @ [ $+ ] > $*		$1 < @ [ $2 ] > $3
R<> $* <$* : $* > $*	$#error $@ 5.1.3 $: "_CODE553 Colon illegal in host name part"
R<> $*			$1
R$* < @ . $* > $*	$#error $@ 5.1.2 $: "_CODE553 Invalid host name"
R$* < @ $* .. $* > $*	$#error $@ 5.1.2 $: "_CODE553 Invalid host name"
R$* < @ $* @ > $*	$#error $@ 5.1.2 $: "_CODE553 Invalid route address"
R$* @ $* < @ $* > $*	$#error $@ 5.1.3 $: "_CODE553 Invalid route address"
R$* , $~O $*		$#error $@ 5.1.3 $: "_CODE553 Invalid route address"
ifdef(`_STRICT_RFC821_', `dnl
R$* . < @ $* > $*	$#error $@ 5.1.2 $: "_CODE553 Local part must not end with a dot"
R. $* < @ $* > $*	$#error $@ 5.1.2 $: "_CODE553 Local part must not begin with a dot"
', `dnl')

# addressed to us: drop our name and look at what is left
R$* < @ > $*		$@ $>Parse0 $>canonify $1	user@
R< @ $=w . > : $*	$@ $>Parse0 $>canonify $2	@us:rest
R$- < @ $=w . >		$: $(dequote $1 $) < @ $2 . >	"user"@us
R< @ $+ >		$#error $@ 5.1.3 $: "_CODE553 User address required"
R$* $=O $* < @ $=w . >	$@ $>Parse0 $>canonify $1 $2 $3	route@us
R$-			$: $(dequote $1 $) < @ *LOCAL* >	"user"
R< @ *LOCAL* >		$#error $@ 5.1.3 $: "_CODE553 User address required"
R$* $=O $* < @ *LOCAL* >
			$@ $>Parse0 $>canonify $1 $2 $3	route without host
R$* < @ *LOCAL* >	$: $1
ifdef(`_ADD_BCC_', `R$+			$: $>ParseBcc $1		bcc copies', `dnl')
ifdef(`_PREFIX_MOD_', `R _PREFIX_MOD_ $+	$: $1 $(macro {rcpt_flags} $@ _PREFIX_FLAGS_ $)', `dnl')


#  Parse1: routing -- local names, tables, relays, smart host.
SParse1
ifdef(`_MAILER_smtp_', `dnl
# address literals [a.b.c.d]: straight to SMTP (or to the smart host)
R$* < @ [ $+ ] > $*	$: $>ParseLocal $1 < @ [ $2 ] > $3
R$* < @ [ $+ ] > $*	$: $1 < @ [ $2 ] : $S > $3		add smart host
R$* < @ [ $+ ] : > $*		$#_SMTP_ $@ [$2] $: $1 < @ [$2] > $3	none: direct
R$* < @ [ $+ ] : $- : $*> $*	$#$3 $@ $4 $: $1 < @ [$2] > $5	mailer:host
R$* < @ [ $+ ] : $+ > $*	$#_SMTP_ $@ $3 $: $1 < @ [$2] > $4	host
', `dnl')
ifdef(`_VIRTUSER_TABLE_', `dnl
# virtual users: user@dom, user+detail variants, then @dom
R$+			$: <!> $1			to be looked up
ifdef(`_VIRTUSER_ENTIRE_DOMAIN_',
`R<!> $+ < @ $* $={VirtHost} . >	$: < $(virtuser $1 @ $2 $3 $@ $1 $: @ $) > $1 < @ $2 $3 . >',
`R<!> $+ < @ $={VirtHost} . >	$: < $(virtuser $1 @ $2 $@ $1 $: @ $) > $1 < @ $2 . >')
R<!> $+ < @ $=w . >	$: < $(virtuser $1 @ $2 $@ $1 $: @ $) > $1 < @ $2 . >
R<@> $+ + $+ < @ $* . >
			$: < $(virtuser $1 + + @ $3 $@ $1 $@ $2 $@ +$2 $: @ $) > $1 + $2 < @ $3 . >
R<@> $+ + $* < @ $* . >
			$: < $(virtuser $1 + * @ $3 $@ $1 $@ $2 $@ +$2 $: @ $) > $1 + $2 < @ $3 . >
R<@> $+ + $* < @ $* . >
			$: < $(virtuser $1 @ $3 $@ $1 $@ $2 $@ +$2 $: @ $) > $1 + $2 < @ $3 . >
R<@> $+ + $+ < @ $+ . >	$: < $(virtuser + + @ $3 $@ $1 $@ $2 $@ +$2 $: @ $) > $1 + $2 < @ $3 . >
R<@> $+ + $* < @ $+ . >	$: < $(virtuser + * @ $3 $@ $1 $@ $2 $@ +$2 $: @ $) > $1 + $2 < @ $3 . >
R<@> $+ + $* < @ $+ . >	$: < $(virtuser @ $3 $@ $1 $@ $2 $@ +$2 $: ! $) > $1 + $2 < @ $3 . >
R<@> $+ < @ $+ . >	$: < $(virtuser @ $2 $@ $1 $: @ $) > $1 < @ $2 . >
R<@> $+			$: $1				not found
R<!> $+			$: $1				not a virtual domain
R< error : $-.$-.$- : $+ > $*	$#error $@ $1.$2.$3 $: $4
R< error : $- $+ > $*	$#error $@ $(dequote $1 $) $: $2
ifdef(`_NO_VIRTUSER_RECURSION_',
`R< $+ > $+ < @ $+ >	$: $>ParseLocal $>Parse0 $>canonify $1',
`R< $+ > $+ < @ $+ >	$: $>Recurse $1			parse the new address')
', `dnl')
ifdef(`_STICKY_LOCAL_DOMAIN_', `dnl
# user@us: the hub gets it if there is one, otherwise local
R$+ < @ $=w . >		$: < $H > $1 < @ $2 . >
R< $+ > $+ < $+ >	$>MailerToTriple < $1 > $2 < $3 >
R< > $+ + $* < $+ >	$#_LOCAL_ $: $1 + $2
R< > $+ < $+ >		$#_LOCAL_ $: @ $1
', `dnl
# user@us is delivered here
R$=L < @ $=w . >	$#_LOCAL_ $: @ $1			kept-local names
R$+ < @ $=w . >		$#_LOCAL_ $: $1
')
ifdef(`_MAILER_TABLE_', `dnl
# mailertable: full domain first, then its parents (ruleset Mailertable)
R$* <@ $+ > $*		$: < $2 > $1 < @ $2 > $3
R< $+ . > $*		$: < $1 > $2
R< $+ > $*		$: < $(mailertable $1 $) > $2
R< $~[ : $* > $*	$>MailerToTriple < $1 : $2 > $3		found mailer:host
R< $+ > $*		$: $>Mailertable <$1> $2
', `dnl')
undivert(4)dnl UUCP rules, LOCAL_UUCP
ifdef(`_NO_UUCP_', `dnl', `dnl
ifdef(`_CLASS_V_', `R$* < @ $=V . UUCP . > $*		$: $>MailerToTriple < $V > $1 <@$2.UUCP.> $3', `dnl')
ifdef(`_CLASS_W_', `R$* < @ $=W . UUCP . > $*		$: $>MailerToTriple < $W > $1 <@$2.UUCP.> $3', `dnl')
ifdef(`_CLASS_X_', `R$* < @ $=X . UUCP . > $*		$: $>MailerToTriple < $X > $1 <@$2.UUCP.> $3', `dnl')
')
# pseudo domains handled by relays
ifdef(`BITNET_RELAY', `R$*<@$+.BITNET.>$*	$: $>MailerToTriple < $B > $1 <@$2.BITNET.> $3', `dnl')
ifdef(`DECNET_RELAY', `R$*<@$+.DECNET.>$*	$: $>MailerToTriple < $C > $1 <@$2.DECNET.> $3', `dnl')
ifdef(`_MAILER_pop_', `R$+ < @ POP. >		$#pop $: $1', `dnl')
ifdef(`_MAILER_fax_', `R$+ < @ $+ .FAX. >	$#fax $@ $2 $: $1',
`ifdef(`FAX_RELAY', `R$*<@$+.FAX.>$*		$: $>MailerToTriple < $F > $1 <@$2.FAX.> $3', `dnl')')
ifdef(`UUCP_RELAY', `R$*<@$*.UUCP.>$*		$: $>MailerToTriple < $Y > $1 <@$2.UUCP.> $3',
`ifdef(`_MAILER_uucp_', `R$* < @ $+ .UUCP. > $*		$#_UUCP_ $@ $2 $: $1 < @ $2 .UUCP. > $3', `dnl')')
ifdef(`_MAILER_usenet_', `R$+ . USENET		$#usenet $@ usenet $: $1', `dnl')
ifdef(`_LOCAL_RULES_', `# site rules (``LOCAL_NET_CONFIG'')
undivert(1)dnl', `dnl')

# anything still carrying a host: smart host if set
R$* < @ $* > $*		$: $>MailerToTriple < $S > $1 < @ $2 > $3
ifdef(`_MAILER_smtp_',
`R$* < @$* > $*		$#_SMTP_ $@ $2 $: $1 < @ $2 > $3		plain SMTP',
`R$* < @$* > $*		$#error $@ 5.1.2 $: "_CODE553 Unrecognized host name " $2')

# no host: local delivery
R$=L			$#_LOCAL_ $: @ $1
R$+			$#_LOCAL_ $: $1
ifdef(`_ADD_BCC_', `
#  ParseBcc: envelope recipients with the b flag in $A get a copy
SParseBcc
R$+			$: $&{addr_type} $| $&A $| $1
Re b $| $+ $| $+	$>MailerToTriple < $1 > $2
R$* $| $* $| $+		$@ $3', `dnl')


###################################################################
#  localaddr (5): local recipients after alias expansion          #
###################################################################
SLocal_localaddr
Slocaladdr=5
R$+			$: $1 $| $>"Local_localaddr" $1
R$+ $| $#ok		$@ $1				Local_localaddr: unchanged
R$+ $| $#$*		$#$2				Local_localaddr decided
R$+ $| $*		$: $1
ifdef(`_PRESERVE_LUSER_HOST_', `dnl
# remember the recipient host (from $h) in {Host}
R$+			$: $1 $| $&h $| $&{Host}
R$+ $| $|		$: $(macro {Host} $@ $) $1
R$+ $| $| $+		$: $1
R$+ $| +$* $| $*	$: $1
R$+ $| $* @ $+ $| $*	$: $(macro {Host} $@ @$3 $) $1
R$+ $| $+ $| $*		$: $(macro {Host} $@ @$2 $) $1
', `dnl')
ifdef(`_PRESERVE_LOCAL_PLUS_DETAIL_', `dnl', `dnl
# user+detail: deliver to user, keep the detail for aliases
R$+ + *			$#_LOCAL_ $@ $&h $: $1
R$+ + $*		$#_LOCAL_ $@ + $2 $: $1 + *
')
R$+			$: <> $1			empty forwarding host
ifdef(`LUSER_RELAY', `ifdef(`_PRESERVE_LOCAL_PLUS_DETAIL_', `dnl
R< > $+ + $*		$: < ? $L > <+ $2> $(user $1 $)
R< > $+			$: < ? $L > < > $(user $1 $)
R< ? $* > < $* > $+ <>	$: < > $3 $2			known user
R< ? $* > < $* > $+	$: < $1 > $3 $2			unknown user: relay', `dnl
R< > $+			$: < $L > $(user $1 $)
R< $* > $+ <>		$: < > $2			known user')
ifdef(`_PRESERVE_LUSER_HOST_', `R< $+ > $+		$: < $1 > $2 $&{Host}', `dnl')
', `dnl')
ifdef(`MAIL_HUB', `R< > $+			$: < $H > $1			mail hub', `dnl')
ifdef(`LOCAL_RELAY', `R< > $+			$: < $R > $1			local relay', `dnl')
ifdef(`_PRESERVE_LOCAL_PLUS_DETAIL_', `R< > $+			$@ $1', `dnl
# put a +detail from $h back
R< > $+			$: < > < $1 <> $&h >
ifdef(`_PRESERVE_LUSER_HOST_', `R< > < $+ @ $+ <> + $* >	$: < > < $1 + $3 @ $2 >', `dnl')
R< > < $+ <> + $* >	$: < > < $1 + $2 >
R< > < $+ <> $* >	$: < > < $1 >
R< > < $+ + $* > $*	   < > < $1 > + $2 $3
R< > < $+ > + $*	$#_LOCAL_ $@ $2 $: @ $1
R< > < $+ >		$@ $1
R$+			$: $1 <> $&h
ifdef(`_PRESERVE_LUSER_HOST_', `R$+ @ $+ <> + $*	$: $1 + $3 @ $2', `dnl')
R$+ <> + $*		$: $1 + $2
R$+ <> $*		$: $1')
R< local : $* > $*	$: $>MailerToTriple < local : $1 > $2
R< error : $* > $*	$: $>MailerToTriple < error : $1 > $2
ifdef(`_PRESERVE_LUSER_HOST_', `R< $~[ : $+ > $+ @ $+	$: $>MailerToTriple < $1 : $2 > $3 < @ $4 >', `dnl')
R< $~[ : $+ > $+	$: $>MailerToTriple < $1 : $2 > $3 < @ $2 >
ifdef(`_PRESERVE_LUSER_HOST_', `R< $+ > $+ @ $+		$@ $>MailerToTriple < $1 > $2 < @ $3 >', `dnl')
R< $+ > $+		$@ $>MailerToTriple < $1 > $2 < @ $1 >

ifdef(`_MAILER_TABLE_', `dnl
##############################################################
#  Mailertable (90): look up .parent domains, then "."       #
#  input: left-part <rest-of-domain> address                 #
##############################################################
SMailertable=90
R$* <$- . $+ > $*	$: $1$2 < $(mailertable .$3 $@ $1$2 $@ $2 $) > $4
R$* <$~[ : $* > $*	$>MailerToTriple < $2 : $3 > $4		found
R$* < . $+ > $*		$@ $>Mailertable $1 . <$2> $3		one level up
R$* < $* > $*		$: < $(mailertable . $@ $1$2 $) > $3	catch-all "."
R< $~[ : $* > $*	$>MailerToTriple < $1 : $2 > $3
R< $* > $*		$@ $2				nothing
', `dnl')

#####################################################################
#  MailerToTriple (95): turn "<[mailer:]host> address" into a       #
#  mailer triple; "<>" means no relay, "<us>" local                 #
#####################################################################
SMailerToTriple=95
R< > $*				$@ $1			no relay
R< error : $-.$-.$- : $+ > $*	$#error $@ $1.$2.$3 $: $4
R< error : $- : $+ > $*		$#error $@ $(dequote $1 $) $: $2
R< error : $+ > $*		$#error $: $1
R< local : $* > $*		$>CanonLocal < $1 > $2
R< $~[ : $+ @ $+ > $*<$*>$*	$# $1 $@ $3 $: $2<@$3>	mailer:user@host
R< $~[ : $+ > $*		$# $1 $@ $2 $: $3	mailer:host
R< $=w > $*			$@ $2			relay is us
R< $+ > $*			$#_RELAY_ $@ $1 $: $2	plain host: relay mailer

#####################################################################
#  CanonLocal: "local:" targets                                     #
#  <user> address  ->  local mailer, user, original as host        #
#####################################################################
SCanonLocal
R< $* > < @ $+ > : $+		$@ $>Recurse $3			routed via us
R< $* > $+ $=O $+ < @ $+ >	$@ $>Recurse $2 $3 $4		user%host@us
R< $* > $* < @ $* . >		$: < $1 > $2 < @ $3 >		no trailing dot
R< > $* < @ $* > $*		$#_LOCAL_ $@ $1@$2 $: $1	local: alone
R< > $+				$#_LOCAL_ $@ $1    $: $1
R< $+ @ $+ > $* < @ $* >	$: < $1 > $3 < @ $4 >		ignore given host
R< $+ > $* <@ $* > $*		$#_LOCAL_ $@ $2@$3 $: $1	local:user
R< $+ > $*			$#_LOCAL_ $@ $2    $: $1

#####################################################################
#  MasqHdr (93): header addresses in masqueraded form               #
#####################################################################
SMasqHdr=93
ifdef(`_GENERICS_TABLE_', `dnl
# genericstable: user@dom, user+*@dom, user@dom without detail,
# @dom, then the bare user (with the same +detail variants)
ifdef(`_GENERICS_ENTIRE_DOMAIN_',
`R$+ < @ $* $=G . >	$: < $1@$2$3 > $1 < @ $2$3 . > @',
`R$+ < @ $=G . >	$: < $1@$2 > $1 < @ $2 . > @')
R$+ < @ *LOCAL* >	$: < $1@$j > $1 < @ *LOCAL* > @
R< $+ > $+ < $* > @	$: < $(generics $1 $: @ $1 $) > $2 < $3 >
R<@$+ + $* @ $+> $+ < @ $+ >
		$: < $(generics $1+*@$3 $@ $2 $:@$1 + $2@$3 $) >  $4 < @ $5 >
R<@$+ + $* @ $+> $+ < @ $+ >
		$: < $(generics $1@$3 $: $) > $4 < @ $5 >
R<@$+ > $+ < @ $+ >	$: < > $2 < @ $3 >
R< > $+ < @ $+ . >	$: < $(generics @$2 $@ $1 $: $) > $1 < @ $2 . >
R< > $+ < @ $+ >	$: < $(generics $1 $: $) > $1 < @ $2 >
R< > $+ + $* < @ $+ >	$: < $(generics $1+* $@ $2 $: $) > $1 + $2 < @ $3 >
R< > $+ + $* < @ $+ >	$: < $(generics $1 $: $) > $1 + $2 < @ $3 >
R< $* @ $* > $* < $* >	$@ $>canonify $1 @ $2		new full address
R< $+ > $* < $* >	$: $>canonify $1 @ *LOCAL*	new user name
R< > $*			$: $1				no entry
', `dnl')
# class N is never masqueraded
R$* < @ $* $=N . >	$@ $1 < @ $2 $3 . >
ifdef(`MASQUERADE_NAME', `dnl
# exposed users keep their real host
R$=E < @ *LOCAL* >	$@ $1 < @ $j . >
ifdef(`_MASQUERADE_ENTIRE_DOMAIN_',
`R$=E < @ $* $=M . >	$@ $1 < @ $2 $3 . >',
`R$=E < @ $=M . >	$@ $1 < @ $2 . >')
ifdef(`_LIMITED_MASQUERADE_', `dnl', `R$=E < @ $=w . >	$@ $1 < @ $2 . >')
# replace the domain by $M (the original stays if $M is empty)
ifdef(`_MASQUERADE_ENTIRE_DOMAIN_',
`R$* < @ $* $=M . > $*	$: $1 < @ $2 $3 . @ $M > $4',
`R$* < @ $=M . > $*	$: $1 < @ $2 . @ $M > $3')
ifdef(`_LIMITED_MASQUERADE_', `dnl', `R$* < @ $=w . > $*	$: $1 < @ $2 . @ $M > $3')
R$* < @ *LOCAL* > $*	$: $1 < @ $j . @ $M > $2
R$* < @ $+ @ > $*	$: $1 < @ $2 > $3		no $M
R$* < @ $+ @ $+ > $*	$: $1 < @ $3 . > $4		use $M
', `dnl
R$* < @ *LOCAL* >	$@ $1 < @ $j . >')

#####################################################################
#  MasqEnv (94): envelope addresses in masqueraded form             #
#####################################################################
SMasqEnv=94
ifdef(`_MASQUERADE_ENVELOPE_',
`R$+			$@ $>MasqHdr $1',
`R$* < @ *LOCAL* > $*	$: $1 < @ $j . > $2')

#####################################################################
#  ParseLocal (98): site specific rules (the `LOCAL_RULE_0' text)       #
#####################################################################
SParseLocal=98
undivert(3)dnl LOCAL_RULE_0
