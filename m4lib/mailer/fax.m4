M4L_COMPONENT
PUSHDIVERT(-1)
dnl # MAILER(fax): user@host.FAX goes to HylaFAX's faxmail.
dnl # Settings: FAX_MAILER_PATH, FAX_MAILER_ARGS, FAX_MAILER_MAX, FAX_MAILER_QGRP.
_DEFIFNOT(`FAX_MAILER_ARGS', `faxmail -d $u@$h $f')
_DEFIFNOT(`FAX_MAILER_PATH', `/usr/bin/faxmail')
_DEFIFNOT(`FAX_MAILER_MAX', `100000')
define(`_m4l_qgrp', `ifelse(defn(`$1'), `', `', ` Q=$1,')')
POPDIVERT
Mfax,		P=FAX_MAILER_PATH, F=DFMhu, S=14, R=24,
		M=FAX_MAILER_MAX, T=X-Phone/X-FAX/X-Unix,_m4l_qgrp(`FAX_MAILER_QGRP')
		A=FAX_MAILER_ARGS
LOCAL_CONFIG
CPFAX
divert(7)
