M4L_COMPONENT
PUSHDIVERT(-1)
dnl # MAILER(uucp): the UUCP mailers uucp-old (alias uucp), uucp-new
dnl # (alias suucp) and, with MAILER(smtp) before it, the domain-aware
dnl # uucp-dom and uucp-uudom.  Classes U, Y, Z list directly connected
dnl # sites for uucp-old, uucp-new and uucp-uudom.
dnl # Settings: UUCP_MAILER_PATH, UUCP_MAILER_ARGS, UUCP_MAILER_FLAGS,
dnl # UUCP_MAILER_MAX (or UUCP_MAX_SIZE), UUCP_MAILER_CHARSET, UUCP_MAILER_QGRP.
ifdef(`_MAILER_smtp_', `',
	`_m4l_error(`MAILER(smtp) must come before MAILER(uucp) (needed for uucp-dom and uucp-uudom)')')
_DEFIFNOT(`UUCP_MAILER_PATH', `/usr/bin/uux')
_DEFIFNOT(`UUCP_MAILER_ARGS', `uux - -r -a$g -gC $h!rmail ($u)')
_DEFIFNOT(`UUCP_MAILER_FLAGS', `')
ifdef(`UUCP_MAILER_MAX', `',
	`define(`UUCP_MAILER_MAX', ifdef(`UUCP_MAX_SIZE', `UUCP_MAX_SIZE', `100000'))')
define(`_m4l_uucp_tail', `M=UUCP_MAILER_MAX, _OPTINS(`UUCP_MAILER_CHARSET', `C=', `, ')T=X-UUCP/X-UUCP/X-Unix,ifelse(defn(`UUCP_MAILER_QGRP'), `', `', ` Q=UUCP_MAILER_QGRP,')
		A=UUCP_MAILER_ARGS')
POPDIVERT

#######################################
#  UUCP mailer address rules          #
#######################################

#  FromU: sender addresses as bang paths relative to us
SFromU
R<@>				$n
R:; <@>				$@
R$* < @ $* . > $*		$1 < @ $2 > $3		no trailing dots
R$* < @ $=w >			$1			our own name goes
R<@ $- . UUCP > : $+		$1 ! $2			route to bang path
R<@ $+ > : $+			$1 ! $2
R$* < @ $- . UUCP >		$2 ! $1			user@host to host!user
R$* < @ $+ >			$2 ! $1
R$&h ! $+ ! $+			$@ $1 ! $2		drop $h if more follows
R$&h ! $+			$@ $&h ! $1
R$+				$: $U ! $1		prefix our UUCP name
R! $+				$: $k ! $1		(or $k if $U is unset)

#  EnvToU: envelope recipients
SEnvToU
R:; <@>				$@
R$* < @ $* . > $*		$1 < @ $2 > $3		no trailing dots
R$* < @ $=w >			$1			our own name goes
R<@ $- . UUCP > : $+		$1 ! $2			route to bang path
R<@ $+ > : $+			$1 ! $2
R$* < @ $- . UUCP >		$2 ! $1			user@host to host!user
R$* < @ $+ >			$2 ! $1

#  HdrToU: header recipients
SHdrToU
R:; <@>				$@
R$* < @ $* . > $*		$1 < @ $2 > $3		no trailing dots
R$* < @ $=w >			$1			our own name goes
R<@ $- . UUCP > : $+		$1 ! $2			route to bang path
R<@ $+ > : $+			$1 ! $2
R$* < @ $- . UUCP >		$2 ! $1			user@host to host!user
R$* < @ $+ >			$2 ! $1
R$&h ! $+ ! $+			$@ $1 ! $2		drop $h if more follows
R$&h ! $+			$@ $&h ! $1
R$+				$: $U ! $1		prefix our UUCP name
R! $+				$: $k ! $1		(or $k if $U is unset)
ifdef(`_MAILER_smtp_', `
#  EnvFromUD: uucp-dom senders are SMTP style
SEnvFromUD
R<@>				$n
R$*				$@ $>EnvFromSMTP $1

#  EnvFromUUD: uucp-uudom senders are bang paths of SMTP addresses
SEnvFromUUD
R<@>				$n
R$*				$: $>EnvFromSMTP $1
R$* < @ $* . > $*		$1 < @ $2 > $3
R<@ $- . UUCP > : $+		$@ $1 ! $2
R<@ $+ > : $+			$@ $1 ! $2
R$* < @ $- . UUCP >		$@ $2 ! $1
R$* < @ $+ >			$@ $2 ! $1', `dnl')
PUSHDIVERT(4)
R$* < @ $=Z . UUCP. > $*	$#uucp-uudom $@ $2 $: $1 < @ $2 .UUCP. > $3
R$* < @ $=Y . UUCP. > $*	$#uucp-new $@ $2 $: $1 < @ $2 .UUCP. > $3
R$* < @ $=U . UUCP. > $*	$#uucp-old $@ $2 $: $1 < @ $2 .UUCP. > $3
POPDIVERT
Muucp,		P=UUCP_MAILER_PATH, F=_m4l_mflags(CONCAT(`DFMhuUd', UUCP_MAILER_FLAGS), `UUCP'), S=FromU, R=EnvToU/HdrToU,
		_m4l_uucp_tail
Muucp-old,	P=UUCP_MAILER_PATH, F=_m4l_mflags(CONCAT(`DFMhuUd', UUCP_MAILER_FLAGS), `UUCP'), S=FromU, R=EnvToU/HdrToU,
		_m4l_uucp_tail
Msuucp,		P=UUCP_MAILER_PATH, F=_m4l_mflags(CONCAT(`mDFMhuUd', UUCP_MAILER_FLAGS), `UUCP'), S=FromU, R=EnvToU/HdrToU,
		_m4l_uucp_tail
Muucp-new,	P=UUCP_MAILER_PATH, F=_m4l_mflags(CONCAT(`mDFMhuUd', UUCP_MAILER_FLAGS), `UUCP'), S=FromU, R=EnvToU/HdrToU,
		_m4l_uucp_tail
ifdef(`_MAILER_smtp_', `Muucp-dom,	P=UUCP_MAILER_PATH, F=_m4l_mflags(CONCAT(`mDFMhud', UUCP_MAILER_FLAGS), `UUCP'), S=EnvFromUD/HdrFromSMTP, R=ifdef(`_ALL_MASQUERADE_', `EnvToSMTP/HdrFromSMTP', `EnvToSMTP'),
		_m4l_uucp_tail
Muucp-uudom,	P=UUCP_MAILER_PATH, F=_m4l_mflags(CONCAT(`mDFMhud', UUCP_MAILER_FLAGS), `UUCP'), S=EnvFromUUD/HdrFromSMTP, R=ifdef(`_ALL_MASQUERADE_', `EnvToSMTP/HdrFromSMTP', `EnvToSMTP'),
		_m4l_uucp_tail', `dnl')
