M4L_COMPONENT
PUSHDIVERT(-1)
dnl # MAILER(pop): user@POP goes to the spop program.
dnl # Settings: POP_MAILER_PATH, POP_MAILER_FLAGS, POP_MAILER_ARGS, POP_MAILER_QGRP.
_DEFIFNOT(`POP_MAILER_PATH', `/usr/lib/mh/spop')
_DEFIFNOT(`POP_MAILER_FLAGS', `Penu')
_DEFIFNOT(`POP_MAILER_ARGS', `pop $u')
define(`_m4l_qgrp', `ifelse(defn(`$1'), `', `', ` Q=$1,')')
POPDIVERT
Mpop,		P=POP_MAILER_PATH, F=_m4l_mflags(CONCAT(`lsDFMq', POP_MAILER_FLAGS), `POP'), S=EnvFromL, R=EnvToL/HdrToL,
		T=DNS/RFC822/X-Unix,_m4l_qgrp(`POP_MAILER_QGRP')
		A=POP_MAILER_ARGS
LOCAL_CONFIG
CPPOP
divert(7)
