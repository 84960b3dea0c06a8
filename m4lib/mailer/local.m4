M4L_COMPONENT
PUSHDIVERT(-1)
dnl #
dnl # MAILER(local): the "local" mailer (mailbox delivery) and "prog"
dnl # (piping to programs).
dnl #
dnl # Settings (define them before MAILER(local)):
dnl #   LOCAL_MAILER_PATH, LOCAL_MAILER_ARGS, LOCAL_MAILER_FLAGS (added to
dnl #   the fixed flags lsDFMAw5:/|@q), LOCAL_MAILER_EOL, LOCAL_MAILER_MAX,
dnl #   LOCAL_MAILER_MAXMSGS, LOCAL_MAILER_MAXRCPTS, LOCAL_MAILER_CHARSET,
dnl #   LOCAL_MAILER_DSN_DIAGNOSTIC_CODE, LOCAL_MAILER_QGRP,
dnl #   LOCAL_SHELL_PATH, LOCAL_SHELL_ARGS, LOCAL_SHELL_FLAGS (added to
dnl #   lsDFMoq), LOCAL_SHELL_DIR, LOCAL_PROG_QGRP;
dnl #   MODIFY_MAILER_FLAGS(`LOCAL', ...) and MODIFY_MAILER_FLAGS(`SHELL', ...).
dnl #
_DEFIFNOT(`_DEF_LOCAL_MAILER_FLAGS', `lsDFMAw5:/|@q')
_DEFIFNOT(`LOCAL_MAILER_FLAGS', `Prmn9')
_DEFIFNOT(`LOCAL_MAILER_PATH', `/bin/mail')
_DEFIFNOT(`LOCAL_MAILER_ARGS', `mail -d $u')
_DEFIFNOT(`LOCAL_MAILER_DSN_DIAGNOSTIC_CODE', `X-Unix')
_DEFIFNOT(`_DEF_LOCAL_SHELL_FLAGS', `lsDFMoq')
_DEFIFNOT(`LOCAL_SHELL_FLAGS', `eu9')
_DEFIFNOT(`LOCAL_SHELL_PATH', `/bin/sh')
_DEFIFNOT(`LOCAL_SHELL_ARGS', `sh -c $u')
_DEFIFNOT(`LOCAL_SHELL_DIR', `$z:/')
define(`_m4l_qgrp', `ifelse(defn(`$1'), `', `', ` Q=$1,')')
POPDIVERT

########################################
#  local and prog mailer address rules  #
########################################

#  EnvFromL: envelope sender for local delivery
SEnvFromL
R<@>			$n			bounces come from $n
R@ <@ $*>		$n
R$+			$: $>AddDomain $1
ifdef(`_LOCAL_NO_MASQUERADE_', `dnl', `R$*			$: $>MasqEnv $1')

#  EnvToL: envelope recipient -- the bare user name
SEnvToL
R$+ < @ $* >		$: $1			drop the host
ifdef(`confUSERDB_SPEC', `dnl', `dnl
R$+ + $*		$: < $&{addr_type} > $1 + $2
R<e s> $+ + $*		$: $1			no +detail for senders
R< $* > $+		$: $2')

#  HdrFromL: header sender addresses
SHdrFromL
R<@>			$n
R@ <@ $*>		$n
R$+			$: $>AddDomain $1
ifdef(`_LOCAL_NO_MASQUERADE_', `dnl', `R$*			$: $>MasqHdr $1')

#  HdrToL: header recipient addresses
SHdrToL
R$+			$: $>AddDomain $1
ifdef(`_ALL_MASQUERADE_', `ifdef(`_LOCAL_NO_MASQUERADE_', `dnl', `R$*			$: $>MasqHdr $1')',
`R$* < @ *LOCAL* > $*	$: $1 < @ $j . > $2')

#  AddDomain: qualify bare user names (always_add_domain)
SAddDomain
ifdef(`_ALWAYS_ADD_DOMAIN_', `dnl
R$* < @ $* > $*		$@ $1 < @ $2 > $3	qualified already
ifelse(defn(`_ALWAYS_ADD_DOMAIN_'), `',
`R$+			$@ $1 < @ *LOCAL* >',
`R$+			$@ $1 < @ _ALWAYS_ADD_DOMAIN_ >')', `dnl')

Mlocal,		P=LOCAL_MAILER_PATH, F=_m4l_mflags(CONCAT(_DEF_LOCAL_MAILER_FLAGS, LOCAL_MAILER_FLAGS), `LOCAL'), ifdef(`_LOCAL_LMTP_', `S=EnvFromSMTP/HdrFromL', `S=EnvFromL/HdrFromL'), R=EnvToL/HdrToL,_OPTINS(`LOCAL_MAILER_EOL', ` E=', `, ')
		_OPTINS(`LOCAL_MAILER_MAX', `M=', `, ')_OPTINS(`LOCAL_MAILER_MAXMSGS', `m=', `, ')_OPTINS(`LOCAL_MAILER_MAXRCPTS', `r=', `, ')_OPTINS(`LOCAL_MAILER_CHARSET', `C=', `, ')T=DNS/RFC822/LOCAL_MAILER_DSN_DIAGNOSTIC_CODE,_m4l_qgrp(`LOCAL_MAILER_QGRP')
		A=LOCAL_MAILER_ARGS
Mprog,		P=LOCAL_SHELL_PATH, F=_m4l_mflags(CONCAT(_DEF_LOCAL_SHELL_FLAGS, LOCAL_SHELL_FLAGS), `SHELL'), S=EnvFromL/HdrFromL, R=EnvToL/HdrToL, D=LOCAL_SHELL_DIR,
		_OPTINS(`LOCAL_MAILER_MAX', `M=', `, ')T=X-Unix/X-Unix/X-Unix,_m4l_qgrp(`LOCAL_PROG_QGRP')
		A=LOCAL_SHELL_ARGS
