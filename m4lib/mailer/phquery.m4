M4L_COMPONENT
PUSHDIVERT(-1)
dnl # MAILER(phquery): the "ph" mailer that answers from a CCSO phone book.
dnl # Settings: PH_MAILER_PATH, PH_MAILER_FLAGS, PH_MAILER_ARGS, PH_MAILER_QGRP.
_DEFIFNOT(`PH_MAILER_PATH', `/usr/local/etc/phquery')
_DEFIFNOT(`PH_MAILER_FLAGS', `ehmu')
_DEFIFNOT(`PH_MAILER_ARGS', `phquery -- $u')
define(`_m4l_qgrp', `ifelse(defn(`$1'), `', `', ` Q=$1,')')
POPDIVERT
Mph,		P=PH_MAILER_PATH, F=_m4l_mflags(CONCAT(`nrDFM', PH_MAILER_FLAGS), `PH'), S=EnvFromL, R=EnvToL/HdrToL,
		T=DNS/RFC822/X-Unix,_m4l_qgrp(`PH_MAILER_QGRP')
		A=PH_MAILER_ARGS
