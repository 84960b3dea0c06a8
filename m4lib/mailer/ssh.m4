M4L_COMPONENT
PUSHDIVERT(-1)
dnl # MAILER(ssh): SMTP over an ssh connection; the remote end runs
dnl # sendmail -bs.  Required: SSH_MAILER_USER (local user whose ssh keys
dnl # are used) and SSH_MAILER_DIR (working directory for that user).
dnl # Settings: SSH_MAILER_PATH (or the older SSH_PATH), SSH_REMOTE_COMMAND,
dnl # SSH_MAILER_HOST, SSH_MAILER_ARGS, SSH_MAILER_FLAGS, SSH_MAILER_MAX,
dnl # SSH_MAILER_MAXMSGS, SSH_MAILER_MAXRCPTS, SSH_MAILER_CHARSET,
dnl # SSH_MAILER_QGRP; MODIFY_MAILER_FLAGS(`SSH', ...).
ifdef(`SSH_MAILER_USER', `',
	`_m4l_error(`MAILER(ssh) needs SSH_MAILER_USER: define it before MAILER(ssh)')')
ifdef(`SSH_MAILER_DIR', `',
	`_m4l_error(`MAILER(ssh) needs SSH_MAILER_DIR: define it before MAILER(ssh)')')
_DEFIFNOT(`SSH_MAILER_PATH', ifdef(`SSH_PATH', `SSH_PATH', `/usr/bin/ssh'))
_DEFIFNOT(`SSH_REMOTE_COMMAND', `/usr/sbin/sendmail -bs')
_DEFIFNOT(`SSH_MAILER_HOST', `$h')
dnl # default arguments: batch-mode ssh to the host, running the command
_DEFIFNOT(`SSH_MAILER_ARGS',
	`ssh -o BatchMode=yes -o EscapeChar=none  -- 'SSH_MAILER_HOST` 'SSH_REMOTE_COMMAND)
_DEFIFNOT(`SSH_MAILER_FLAGS', `')
define(`_m4l_qgrp', `ifelse(defn(`$1'), `', `', ` Q=$1,')')
POPDIVERT
Mssh,		P=SSH_MAILER_PATH, F=_m4l_mflags(CONCAT(`mDFMuX', SSH_MAILER_FLAGS), `SSH'), S=EnvFromSMTP/HdrFromSMTP, R=ifdef(`_ALL_MASQUERADE_', `EnvToSMTP/HdrFromSMTP', `EnvToSMTP'), E=\r\n, L=990,
		_OPTINS(`SSH_MAILER_MAX', `M=', `, ')_OPTINS(`SSH_MAILER_MAXMSGS', `m=', `, ')_OPTINS(`SSH_MAILER_MAXRCPTS', `r=', `, ')_OPTINS(`SSH_MAILER_CHARSET', `C=', `, ')T=DNS/RFC822/SMTP,_m4l_qgrp(`SSH_MAILER_QGRP')
		U=SSH_MAILER_USER, D=SSH_MAILER_DIR,
		A=SSH_MAILER_ARGS
