M4L_COMPONENT
divert(-1)
dnl # FEATURE(msp [, mta host [, `MSA']]): the mail submission program
dnl # configuration (submit.cf): hand every message to the local MTA
dnl # (default [localhost]; `MSA' as third argument uses port 587).
undefine(`ALIAS_FILE')
define(`confDELIVERY_MODE', `i')
define(`confUSE_MSP', `True')
define(`confFORWARD_PATH', `')
define(`confPRIVACY_FLAGS', `goaway,noetrn,restrictqrun')
define(`confDONT_PROBE_INTERFACES', `True')
_DEFIFNOT(`confRUN_AS_USER', `smmsp')
ifdef(`confTRUSTED_USER', `',
	`define(`confTRUSTED_USER', ifelse(index(confRUN_AS_USER, `:'), -1, `confRUN_AS_USER',
		`substr(confRUN_AS_USER, 0, index(confRUN_AS_USER, `:'))'))')
define(`QUEUE_DIR', ifdef(`MSP_QUEUE_DIR', `MSP_QUEUE_DIR', `/var/spool/clientmqueue'))
define(`_MTA_HOST_', ifelse(defn(`_ARG_'), `', `[localhost]', `defn(`_ARG_')'))
define(`_MSP_FQHN_', `ifdef(`MASQUERADE_NAME', ifdef(`_MASQUERADE_ENVELOPE_', `$M', `$j'), `$j')')
ifelse(_ARG2_, `MSA', `define(`RELAY_MAILER_ARGS', `TCP $h 587')')
_DEFIFNOT(`confPID_FILE', QUEUE_DIR`/sm-client.pid')
define(`confQUEUE_FILE_MODE', `0660')
ifdef(`STATUS_FILE',
	`define(`STATUS_FILE', ifelse(index(STATUS_FILE, `sendmail.st'), -1, `STATUS_FILE',
		`substr(STATUS_FILE, 0, index(STATUS_FILE, `sendmail.st'))sm-client.st'))',
	`define(`STATUS_FILE', QUEUE_DIR`/sm-client.st')')
FEATURE(`no_default_msa')
ifelse(defn(`_DPO_'), `', `DAEMON_OPTIONS(`Name=NoMTA, Addr=127.0.0.1, M=E')')
define(`_DEF_LOCAL_MAILER_FLAGS', `')
define(`_DEF_LOCAL_SHELL_FLAGS', `')
define(`LOCAL_MAILER_PATH', `[IPC]')
define(`LOCAL_MAILER_FLAGS', `lmDFMuXkw5')
define(`LOCAL_MAILER_ARGS', `TCP $h')
define(`LOCAL_MAILER_DSN_DIAGNOSTIC_CODE', `SMTP')
define(`LOCAL_SHELL_PATH', `[IPC]')
define(`LOCAL_SHELL_FLAGS', `lmDFMuXk5')
define(`LOCAL_SHELL_ARGS', `TCP $h')
MODIFY_MAILER_FLAGS(`SMTP', `+k5')
MODIFY_MAILER_FLAGS(`ESMTP', `+k5')
MODIFY_MAILER_FLAGS(`DSMTP', `+k5')
MODIFY_MAILER_FLAGS(`SMTP8', `+k5')
MODIFY_MAILER_FLAGS(`RELAY', `+k')
MAILER(`local')
MAILER(`smtp')
LOCAL_CONFIG
D{MTAHost}_MTA_HOST_
LOCAL_RULESETS
# every recipient is relayed to the MTA
SLocal_localaddr
R$+			$: $>ParseRecipient $1
R$* < @ $+ > $*		$#relay $@ ${MTAHost} $: $1 < @ $2 > $3
ifdef(`_USE_DECNET_SYNTAX_', `R$+ :: $+		$#relay $@ ${MTAHost} $: $1 :: $2', `dnl')
R$*			$#relay $@ ${MTAHost} $: $1 < @ _MSP_FQHN_ >
divert(-1)
