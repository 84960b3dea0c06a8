M4L_COMPONENT
PUSHDIVERT(-1)
dnl # MAILER(mail11): DECnet delivery with the mail11 program; turns on
dnl # the node::user syntax.  Settings: MAIL11_MAILER_PATH,
dnl # MAIL11_MAILER_FLAGS, MAIL11_MAILER_ARGS, MAIL11_MAILER_QGRP.
_DEFIFNOT(`MAIL11_MAILER_PATH', `/usr/etc/mail11')
_DEFIFNOT(`MAIL11_MAILER_FLAGS', `nsFx')
_DEFIFNOT(`MAIL11_MAILER_ARGS', `mail11 $g $x $h $u')
define(`_USE_DECNET_SYNTAX_')
define(`_m4l_qgrp', `ifelse(defn(`$1'), `', `', ` Q=$1,')')
POPDIVERT
PUSHDIVERT(3)
R$* < @ $=w .DECNET. >		$#ifdef(`confLOCAL_MAILER', `confLOCAL_MAILER', `local') $: $1		our own DECnet node
R$+ < @ $+ .DECNET. >		$#mail11 $@ $2 $: $1		other DECnet nodes
POPDIVERT
PUSHDIVERT(6)
CPDECNET
POPDIVERT

#  Mail11To / Mail11From: addresses in node::user form
SMail11To
R$+ < @ $- .UUCP >	$: $2 ! $1
R$+ < @ $- .DECNET >	$: $2 :: $1
R$+ < @ $- .LOCAL >	$: $2 :: $1
R$+ < @ $=w. >		$: $2 :: $1
R$=w :: $+		$2			drop our own node
R$+ :: $+		$@ $1 :: $2

SMail11From
R$+			$: $>Mail11To $1
R$w :: $+		$@ $w :: $1
Mmail11, P=MAIL11_MAILER_PATH, F=_m4l_mflags(MAIL11_MAILER_FLAGS, `MAIL11'), S=Mail11From, R=Mail11To,
	T=DNS/X-DECnet/X-Unix,_m4l_qgrp(`MAIL11_MAILER_QGRP')
	A=MAIL11_MAILER_ARGS
