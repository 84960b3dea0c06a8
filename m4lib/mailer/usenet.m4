M4L_COMPONENT
PUSHDIVERT(-1)
dnl # MAILER(usenet): group.USENET posts to a newsgroup through inews.
dnl # Settings: USENET_MAILER_PATH, USENET_MAILER_FLAGS, USENET_MAILER_ARGS,
dnl # USENET_MAILER_MAX, USENET_MAILER_QGRP.
_DEFIFNOT(`USENET_MAILER_PATH', `/usr/lib/news/inews')
_DEFIFNOT(`USENET_MAILER_FLAGS', `rsDFMmn')
_DEFIFNOT(`USENET_MAILER_ARGS', `inews -m -h -n')
define(`_m4l_qgrp', `ifelse(defn(`$1'), `', `', ` Q=$1,')')
POPDIVERT
Musenet,	P=USENET_MAILER_PATH, F=_m4l_mflags(USENET_MAILER_FLAGS, `USENET'), S=EnvFromL, R=EnvToL,
		_OPTINS(`USENET_MAILER_MAX', `M=', `, ')T=X-Usenet/X-Usenet/X-Unix,_m4l_qgrp(`USENET_MAILER_QGRP')
		A=USENET_MAILER_ARGS $u
