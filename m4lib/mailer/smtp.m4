M4L_COMPONENT
PUSHDIVERT(-1)
dnl #
dnl # MAILER(smtp): the SMTP family -- smtp, esmtp, smtp8, dsmtp and relay.
dnl #
dnl # Settings: SMTP_MAILER_FLAGS, SMTP_MAILER_MAX, SMTP_MAILER_MAXMSGS,
dnl # SMTP_MAILER_MAXRCPTS, SMTP_MAILER_CHARSET, SMTP_MAILER_LL,
dnl # SMTP_MAILER_ARGS, ESMTP_MAILER_ARGS, SMTP8_MAILER_ARGS,
dnl # DSMTP_MAILER_ARGS, RELAY_MAILER_ARGS, RELAY_MAILER_FLAGS,
dnl # RELAY_MAILER_LL, RELAY_MAILER_CHARSET, RELAY_MAILER_MAXMSGS,
dnl # xxx_MAILER_QGRP; MODIFY_MAILER_FLAGS(`SMTP'|`ESMTP'|`SMTP8'|`DSMTP'|`RELAY', ...).
dnl #
_DEFIFNOT(`_DEF_SMTP_MAILER_FLAGS', `mDFMuX')
_DEFIFNOT(`SMTP_MAILER_FLAGS', `')
_DEFIFNOT(`SMTP_MAILER_LL', `990')
_DEFIFNOT(`RELAY_MAILER_LL', `2040')
_DEFIFNOT(`RELAY_MAILER_FLAGS', `SMTP_MAILER_FLAGS')
_DEFIFNOT(`SMTP_MAILER_ARGS', `TCP $h')
_DEFIFNOT(`ESMTP_MAILER_ARGS', `TCP $h')
_DEFIFNOT(`SMTP8_MAILER_ARGS', `TCP $h')
_DEFIFNOT(`DSMTP_MAILER_ARGS', `TCP $h')
_DEFIFNOT(`RELAY_MAILER_ARGS', `TCP $h')
define(`_m4l_qgrp', `ifelse(defn(`$1'), `', `', ` Q=$1,')')
dnl # $1 = mailer name, $2 = flags, $3 = recipient rulesets, $4 = args, $5 = queue group
define(`_m4l_smtp_mailer', `M$1,		P=[IPC], F=$2, S=EnvFromSMTP/HdrFromSMTP, R=$3, E=\r\n, L=SMTP_MAILER_LL,
		_OPTINS(`SMTP_MAILER_MAX', `M=', `, ')_OPTINS(`SMTP_MAILER_MAXMSGS', `m=', `, ')_OPTINS(`SMTP_MAILER_MAXRCPTS', `r=', `, ')_OPTINS(`SMTP_MAILER_CHARSET', `C=', `, ')T=DNS/RFC822/SMTP,_m4l_qgrp(`$5')
		A=$4')
define(`_m4l_smtp_rcpt', `ifdef(`_ALL_MASQUERADE_', `EnvToSMTP/HdrFromSMTP', `EnvToSMTP')')
POPDIVERT

###############################
#  SMTP mailer address rules  #
###############################

#  MasqSMTP: qualify a bare user name with our own name
SMasqSMTP
R$* < @ $* > $*		$@ $1 < @ $2 > $3		qualified already
R$+			$@ $1 < @ *LOCAL* >		bare user

#  PseudoToReal: turn pseudo domains (.UUCP, .BITNET) into real routes
SPseudoToReal
R< @ $+ > $*		$@ < @ $1 > $2			source route
ifdef(`BITNET_RELAY', `dnl
R$+ <@ $+ .BITNET. >	$: $1 % $2 .BITNET < @ $B >
R$+.BITNET <@ $~[ $*:$+ >	$: $1 .BITNET < @ $4 >', `dnl')
ifdef(`_NO_UUCP_', `dnl', `dnl
R$+ < @ $+ .UUCP. >	$: < $2 ! > $1			UUCP form
R$+ < @ $* > $*		$@ $1 < @ $2 > $3		not UUCP
R< $&h ! > $- ! $+	$@ $2 < @ $1 .UUCP. >
R< $&h ! > $-.$+ ! $+	$@ $3 < @ $1.$2 >
R< $&h ! > $+		$@ $1 < @ $&h .UUCP. >
R< $+ ! > $+		$: $1 ! $2 < @ $Y >		via the UUCP relay
R$+ < @ $~[ $* : $+ >	$@ $1 < @ $4 >			drop mailer: prefix
R$+ < @ >		$: $1 < @ *LOCAL* >		no UUCP relay')

#  EnvFromSMTP: envelope sender
SEnvFromSMTP
R$+			$: $>PseudoToReal $1
R$* :; <@>		$@				empty group
R$*			$: $>MasqSMTP $1
R$+			$: $>MasqEnv $1

#  EnvToSMTP: envelope recipient
SEnvToSMTP
R$+			$: $>PseudoToReal $1
R$+			$: $>MasqSMTP $1
R$* < @ *LOCAL* > $*	$: $1 < @ $j . > $2

#  HdrFromSMTP: header addresses
SHdrFromSMTP
R$+			$: $>PseudoToReal $1
R:; <@>			$@				empty group
R$* <@> $*		$@ $1 <@> $2			null host stays
R< @ $* > $*		$@ < @ $1 > $2			source route stays
R$*			$: $>MasqSMTP $1
R$+			$: $>MasqHdr $1

#  MasqRelay: header recipients for the relay mailer (allmasquerade)
SMasqRelay
R$+			$: $>MasqSMTP $1
R$+			$: $>MasqHdr $1

_m4l_smtp_mailer(`smtp', _m4l_mflags(CONCAT(_DEF_SMTP_MAILER_FLAGS, SMTP_MAILER_FLAGS), `SMTP'), _m4l_smtp_rcpt, `SMTP_MAILER_ARGS', `SMTP_MAILER_QGRP')
_m4l_smtp_mailer(`esmtp', _m4l_mflags(CONCAT(_DEF_SMTP_MAILER_FLAGS, `a', SMTP_MAILER_FLAGS), `ESMTP'), _m4l_smtp_rcpt, `ESMTP_MAILER_ARGS', `ESMTP_MAILER_QGRP')
_m4l_smtp_mailer(`smtp8', _m4l_mflags(CONCAT(_DEF_SMTP_MAILER_FLAGS, `8', SMTP_MAILER_FLAGS), `SMTP8'), _m4l_smtp_rcpt, `SMTP8_MAILER_ARGS', `SMTP8_MAILER_QGRP')
_m4l_smtp_mailer(`dsmtp', _m4l_mflags(CONCAT(_DEF_SMTP_MAILER_FLAGS, `a%', SMTP_MAILER_FLAGS), `DSMTP'), _m4l_smtp_rcpt, `DSMTP_MAILER_ARGS', `DSMTP_MAILER_QGRP')
Mrelay,		P=[IPC], F=_m4l_mflags(CONCAT(_DEF_SMTP_MAILER_FLAGS, `a8', RELAY_MAILER_FLAGS), `RELAY'), S=EnvFromSMTP/HdrFromSMTP, R=ifdef(`_ALL_MASQUERADE_', `MasqSMTP/MasqRelay', `MasqSMTP'), E=\r\n, L=RELAY_MAILER_LL,
		_OPTINS(`RELAY_MAILER_CHARSET', `C=', `, ')_OPTINS(`RELAY_MAILER_MAXMSGS', `m=', `, ')_OPTINS(`SMTP_MAILER_MAXRCPTS', `r=', `, ')T=DNS/RFC822/SMTP,_m4l_qgrp(`RELAY_MAILER_QGRP')
		A=RELAY_MAILER_ARGS
