M4L_COMPONENT
PUSHDIVERT(-1)
dnl # MAILER(xagent): hands mail to an external delivery agent program.
dnl # Settings: XAGENT_MAILER_PATH, XAGENT_MAILER_FLAGS (taken as given, not
dnl # through MODIFY_MAILER_FLAGS), XAGENT_MAILER_ARGS, XAGENT_MAILER_MAX.
dnl # The sender/recipient rulesets 11, 21 and 31 are the agent's own: a
dnl # configuration using this mailer supplies them (LOCAL_RULESETS).
_DEFIFNOT(`XAGENT_MAILER_PATH', `/usr/lib/xagent')
_DEFIFNOT(`XAGENT_MAILER_FLAGS', `DFMueXLn')
_DEFIFNOT(`XAGENT_MAILER_ARGS', `xagent $h $u')
POPDIVERT
Mxagent,	P=XAGENT_MAILER_PATH, F=XAGENT_MAILER_FLAGS, S=11/31, R=21/31,
		_OPTINS(`XAGENT_MAILER_MAX', `M=', `, ')T=DNS/RFC822/X-Unix,
		A=XAGENT_MAILER_ARGS, E=\n
