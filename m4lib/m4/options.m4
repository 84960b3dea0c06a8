divert(-1)
dnl #
dnl # m4lib -- THE option table.
dnl #
dnl # One line per configuration name a .mc file may define:
dnl #	_m4l_opt(`NAME', `CfOptionName', `value shown when unset' [, `kind'])
dnl # kind:	(empty)	written in the Options section, in table order
dnl #	early	written before any file is read (must precede F/K lines)
dnl #	milter	written only when mail filters are declared
dnl #	always	like (empty), but an unset NAME writes the value shown
dnl #		as a real O line
dnl #	tz	a time zone: the value USE_SYSTEM comments the line out,
dnl #		USE_TZ writes an empty value (take TZ from the environment)
dnl # When NAME is defined the cf gets "O CfOptionName=value" (just
dnl # "O CfOptionName" for an empty value); otherwise a "#O ..." comment
dnl # showing the default.
dnl #
dnl # _m4l_name(`NAME') lists conf* names that are not options themselves but
dnl # steer the generated file (mailer choice, class files, messages ...).
dnl #
dnl # This table is used twice: by cfhead.m4 to know which conf* names
dnl # exist (unknown ones draw a warning) and by proto.m4 to write options.
dnl #
define(`_m4l_option_table', `dnl
_m4l_opt(`confDONT_BLAME_SENDMAIL',	`DontBlameSendmail',	`safe',	`early')dnl
_m4l_opt(`confLDAP_DEFAULT_SPEC',	`LDAPDefaultSpec',	`-h localhost',	`early')dnl
_m4l_opt(`confSEVEN_BIT_INPUT',	`SevenBitInput',	`False')dnl
_m4l_opt(`confEIGHT_BIT_HANDLING',	`EightBitMode',	`pass8')dnl
_m4l_opt(`confALIAS_WAIT',	`AliasWait',	`5m')dnl
_m4l_opt(`ALIAS_FILE',	`AliasFile',	`MAIL_SETTINGS_DIR`'aliases')dnl
_m4l_opt(`confMIN_FREE_BLOCKS',	`MinFreeBlocks',	`100')dnl
_m4l_opt(`confMAX_MESSAGE_SIZE',	`MaxMessageSize',	`0')dnl
_m4l_opt(`confBLANK_SUB',	`BlankSub',	`_')dnl
_m4l_opt(`confCON_EXPENSIVE',	`HoldExpensive',	`False')dnl
_m4l_opt(`confCHECKPOINT_INTERVAL',	`CheckpointInterval',	`10')dnl
_m4l_opt(`confDELIVERY_MODE',	`DeliveryMode',	`background')dnl
_m4l_opt(`confERROR_MESSAGE',	`ErrorHeader',	`MAIL_SETTINGS_DIR`'error-header')dnl
_m4l_opt(`confERROR_MODE',	`ErrorMode',	`print')dnl
_m4l_opt(`confSAVE_FROM_LINES',	`SaveFromLine',	`False')dnl
_m4l_opt(`confQUEUE_FILE_MODE',	`QueueFileMode',	`0600')dnl
_m4l_opt(`confTEMP_FILE_MODE',	`TempFileMode',	`0600')dnl
_m4l_opt(`confMATCH_GECOS',	`MatchGECOS',	`False')dnl
_m4l_opt(`confMAX_HOP',	`MaxHopCount',	`25')dnl
_m4l_opt(`confIGNORE_DOTS',	`IgnoreDots',	`False')dnl
_m4l_opt(`confBIND_OPTS',	`ResolverOptions',	`+AAONLY')dnl
_m4l_opt(`confMIME_FORMAT_ERRORS',	`SendMimeErrors',	`True')dnl
_m4l_opt(`HELP_FILE',	`HelpFile',	`MAIL_SETTINGS_DIR`'helpfile',	`always')dnl
_m4l_opt(`confFORWARD_PATH',	`ForwardPath',	`/var/forward/$u:$z/.forward.$w:$z/.forward')dnl
_m4l_opt(`confMCI_CACHE_SIZE',	`ConnectionCacheSize',	`2')dnl
_m4l_opt(`confMCI_CACHE_TIMEOUT',	`ConnectionCacheTimeout',	`5m')dnl
_m4l_opt(`confHOST_STATUS_DIRECTORY',	`HostStatusDirectory',	`.hoststat')dnl
_m4l_opt(`confSINGLE_THREAD_DELIVERY',	`SingleThreadDelivery',	`False')dnl
_m4l_opt(`confUSE_ERRORS_TO',	`UseErrorsTo',	`False')dnl
_m4l_opt(`confUSE_COMPRESSED_IPV6_ADDRESSES',	`UseCompressedIPv6Addresses',	`')dnl
_m4l_opt(`confLOG_LEVEL',	`LogLevel',	`10')dnl
_m4l_opt(`confME_TOO',	`MeToo',	`True')dnl
_m4l_opt(`confCHECK_ALIASES',	`CheckAliases',	`False')dnl
_m4l_opt(`confOLD_STYLE_HEADERS',	`OldStyleHeaders',	`False')dnl
_m4l_opt(`confDIRECT_SUBMISSION_MODIFIERS',	`DirectSubmissionModifiers',	`')dnl
_m4l_opt(`confUSE_MSP',	`UseMSP',	`')dnl
_m4l_opt(`confPRIVACY_FLAGS',	`PrivacyOptions',	`authwarnings')dnl
_m4l_opt(`confCOPY_ERRORS_TO',	`PostmasterCopy',	`Postmaster')dnl
_m4l_opt(`QUEUE_DIR',	`QueueDirectory',	`/var/spool/mqueue',	`always')dnl
_m4l_opt(`confQUEUE_FACTOR',	`QueueFactor',	`600000')dnl
_m4l_opt(`confMAX_QUEUE_CHILDREN',	`MaxQueueChildren',	`')dnl
_m4l_opt(`confMAX_RUNNERS_PER_QUEUE',	`MaxRunnersPerQueue',	`1')dnl
_m4l_opt(`confNICE_QUEUE_RUN',	`NiceQueueRun',	`')dnl
_m4l_opt(`confQUEUE_SORT_ORDER',	`QueueSortOrder',	`priority')dnl
_m4l_opt(`confMIN_QUEUE_AGE',	`MinQueueAge',	`30m')dnl
_m4l_opt(`confMAX_QUEUE_AGE',	`MaxQueueAge',	`')dnl
_m4l_opt(`confMAX_QUEUE_RUN_SIZE',	`MaxQueueRunSize',	`0')dnl
_m4l_opt(`confFAST_SPLIT',	`FastSplit',	`1')dnl
_m4l_opt(`confSHARED_MEMORY_KEY',	`SharedMemoryKey',	`0')dnl
_m4l_opt(`confSHARED_MEMORY_KEY_FILE',	`SharedMemoryKeyFile',	`')dnl
_m4l_opt(`confTO_INITIAL',	`Timeout.initial',	`5m')dnl
_m4l_opt(`confTO_CONNECT',	`Timeout.connect',	`5m')dnl
_m4l_opt(`confTO_ACONNECT',	`Timeout.aconnect',	`0s')dnl
_m4l_opt(`confTO_ICONNECT',	`Timeout.iconnect',	`5m')dnl
_m4l_opt(`confTO_HELO',	`Timeout.helo',	`5m')dnl
_m4l_opt(`confTO_MAIL',	`Timeout.mail',	`10m')dnl
_m4l_opt(`confTO_RCPT',	`Timeout.rcpt',	`1h')dnl
_m4l_opt(`confTO_DATAINIT',	`Timeout.datainit',	`5m')dnl
_m4l_opt(`confTO_DATABLOCK',	`Timeout.datablock',	`1h')dnl
_m4l_opt(`confTO_DATAFINAL',	`Timeout.datafinal',	`1h')dnl
_m4l_opt(`confTO_RSET',	`Timeout.rset',	`5m')dnl
_m4l_opt(`confTO_QUIT',	`Timeout.quit',	`2m')dnl
_m4l_opt(`confTO_MISC',	`Timeout.misc',	`2m')dnl
_m4l_opt(`confTO_COMMAND',	`Timeout.command',	`1h')dnl
_m4l_opt(`confTO_IDENT',	`Timeout.ident',	`5s')dnl
_m4l_opt(`confTO_FILEOPEN',	`Timeout.fileopen',	`60s')dnl
_m4l_opt(`confTO_CONTROL',	`Timeout.control',	`2m')dnl
_m4l_opt(`confTO_QUEUERETURN',	`Timeout.queuereturn',	`5d')dnl
_m4l_opt(`confTO_QUEUERETURN_NORMAL',	`Timeout.queuereturn.normal',	`5d')dnl
_m4l_opt(`confTO_QUEUERETURN_URGENT',	`Timeout.queuereturn.urgent',	`2d')dnl
_m4l_opt(`confTO_QUEUERETURN_NONURGENT',	`Timeout.queuereturn.non-urgent',	`7d')dnl
_m4l_opt(`confTO_QUEUERETURN_DSN',	`Timeout.queuereturn.dsn',	`5d')dnl
_m4l_opt(`confTO_QUEUEWARN',	`Timeout.queuewarn',	`4h')dnl
_m4l_opt(`confTO_QUEUEWARN_NORMAL',	`Timeout.queuewarn.normal',	`4h')dnl
_m4l_opt(`confTO_QUEUEWARN_URGENT',	`Timeout.queuewarn.urgent',	`1h')dnl
_m4l_opt(`confTO_QUEUEWARN_NONURGENT',	`Timeout.queuewarn.non-urgent',	`12h')dnl
_m4l_opt(`confTO_QUEUEWARN_DSN',	`Timeout.queuewarn.dsn',	`4h')dnl
_m4l_opt(`confTO_HOSTSTATUS',	`Timeout.hoststatus',	`30m')dnl
_m4l_opt(`confTO_RESOLVER_RETRANS',	`Timeout.resolver.retrans',	`5s')dnl
_m4l_opt(`confTO_RESOLVER_RETRANS_FIRST',	`Timeout.resolver.retrans.first',	`5s')dnl
_m4l_opt(`confTO_RESOLVER_RETRANS_NORMAL',	`Timeout.resolver.retrans.normal',	`5s')dnl
_m4l_opt(`confTO_RESOLVER_RETRY',	`Timeout.resolver.retry',	`4')dnl
_m4l_opt(`confTO_RESOLVER_RETRY_FIRST',	`Timeout.resolver.retry.first',	`4')dnl
_m4l_opt(`confTO_RESOLVER_RETRY_NORMAL',	`Timeout.resolver.retry.normal',	`4')dnl
_m4l_opt(`confTO_LHLO',	`Timeout.lhlo',	`2m')dnl
_m4l_opt(`confTO_AUTH',	`Timeout.auth',	`10m')dnl
_m4l_opt(`confTO_STARTTLS',	`Timeout.starttls',	`1h')dnl
_m4l_opt(`confTIME_ZONE',	`TimeZoneSpec',	`',	`tz')dnl
_m4l_opt(`confDELIVER_BY_MIN',	`DeliverByMin',	`0')dnl
_m4l_opt(`confDONT_PRUNE_ROUTES',	`DontPruneRoutes',	`False')dnl
_m4l_opt(`confSAFE_QUEUE',	`SuperSafe',	`True')dnl
_m4l_opt(`STATUS_FILE',	`StatusFile',	`')dnl
_m4l_opt(`confDEF_USER_ID',	`DefaultUser',	`mailnull')dnl
_m4l_opt(`confUSERDB_SPEC',	`UserDatabaseSpec',	`MAIL_SETTINGS_DIR`'userdb')dnl
_m4l_opt(`confFALLBACK_MX',	`FallbackMXhost',	`fall.back.host.net')dnl
_m4l_opt(`confFALLBACK_SMARTHOST',	`FallbackSmartHost',	`fall.back.host.net')dnl
_m4l_opt(`confTRY_NULL_MX_LIST',	`TryNullMXList',	`False')dnl
_m4l_opt(`confQUEUE_LA',	`QueueLA',	`8')dnl
_m4l_opt(`confREFUSE_LA',	`RefuseLA',	`12')dnl
_m4l_opt(`confREJECT_LOG_INTERVAL',	`RejectLogInterval',	`3h')dnl
_m4l_opt(`confDELAY_LA',	`DelayLA',	`0')dnl
_m4l_opt(`confMAX_DAEMON_CHILDREN',	`MaxDaemonChildren',	`0')dnl
_m4l_opt(`confCONNECTION_RATE_THROTTLE',	`ConnectionRateThrottle',	`0')dnl
_m4l_opt(`confCONNECTION_RATE_WINDOW_SIZE',	`ConnectionRateWindowSize',	`60s')dnl
_m4l_opt(`confWORK_RECIPIENT_FACTOR',	`RecipientFactor',	`30000')dnl
_m4l_opt(`confSEPARATE_PROC',	`ForkEachJob',	`False')dnl
_m4l_opt(`confWORK_CLASS_FACTOR',	`ClassFactor',	`1800')dnl
_m4l_opt(`confWORK_TIME_FACTOR',	`RetryFactor',	`90000')dnl
_m4l_opt(`confDEF_CHAR_SET',	`DefaultCharSet',	`unknown-8bit')dnl
_m4l_opt(`confSERVICE_SWITCH_FILE',	`ServiceSwitchFile',	`MAIL_SETTINGS_DIR`'service.switch')dnl
_m4l_opt(`confHOSTS_FILE',	`HostsFile',	`/etc/hosts')dnl
_m4l_opt(`confDIAL_DELAY',	`DialDelay',	`0s')dnl
_m4l_opt(`confNO_RCPT_ACTION',	`NoRecipientAction',	`none')dnl
_m4l_opt(`confSAFE_FILE_ENV',	`SafeFileEnvironment',	`')dnl
_m4l_opt(`confCOLON_OK_IN_ADDR',	`ColonOkInAddr',	`True')dnl
_m4l_opt(`confDONT_EXPAND_CNAMES',	`DontExpandCnames',	`False')dnl
_m4l_opt(`confSMTP_LOGIN_MSG',	`SmtpGreetingMessage',	`$j Sendmail $v ready at $b')dnl
_m4l_opt(`confFROM_LINE',	`UnixFromLine',	`From $g $d')dnl
_m4l_opt(`confSINGLE_LINE_FROM_HEADER',	`SingleLineFromHeader',	`False')dnl
_m4l_opt(`confALLOW_BOGUS_HELO',	`AllowBogusHELO',	`False')dnl
_m4l_opt(`confMUST_QUOTE_CHARS',	`MustQuoteChars',	`.')dnl
_m4l_opt(`confOPERATORS',	`OperatorChars',	`.:@[]')dnl
_m4l_opt(`confDONT_INIT_GROUPS',	`DontInitGroups',	`False')dnl
_m4l_opt(`confUNSAFE_GROUP_WRITES',	`UnsafeGroupWrites',	`True')dnl
_m4l_opt(`confDOUBLE_BOUNCE_ADDRESS',	`DoubleBounceAddress',	`postmaster')dnl
_m4l_opt(`confSOFT_BOUNCE',	`SoftBounce',	`False')dnl
_m4l_opt(`confDEAD_LETTER_DROP',	`DeadLetterDrop',	`/var/tmp/dead.letter')dnl
_m4l_opt(`confRUN_AS_USER',	`RunAsUser',	`sendmail')dnl
_m4l_opt(`confMAX_RCPTS_PER_MESSAGE',	`MaxRecipientsPerMessage',	`0')dnl
_m4l_opt(`confBAD_RCPT_THROTTLE',	`BadRcptThrottle',	`0')dnl
_m4l_opt(`confDONT_PROBE_INTERFACES',	`DontProbeInterfaces',	`False')dnl
_m4l_opt(`confRRT_IMPLIES_DSN',	`RrtImpliesDsn',	`False')dnl
_m4l_opt(`confCONNECT_ONLY_TO',	`ConnectOnlyTo',	`0.0.0.0')dnl
_m4l_opt(`confTRUSTED_USER',	`TrustedUser',	`root')dnl
_m4l_opt(`confCONTROL_SOCKET_NAME',	`ControlSocketName',	`/var/spool/mqueue/.control')dnl
_m4l_opt(`confMAX_MIME_HEADER_LENGTH',	`MaxMimeHeaderLength',	`0/0')dnl
_m4l_opt(`confMAX_HEADERS_LENGTH',	`MaxHeadersLength',	`32768')dnl
_m4l_opt(`confMAX_ALIAS_RECURSION',	`MaxAliasRecursion',	`10')dnl
_m4l_opt(`confPID_FILE',	`PidFile',	`/var/run/sendmail.pid')dnl
_m4l_opt(`confPROCESS_TITLE_PREFIX',	`ProcessTitlePrefix',	`prefix')dnl
_m4l_opt(`confDF_BUFFER_SIZE',	`DataFileBufferSize',	`4096')dnl
_m4l_opt(`confXF_BUFFER_SIZE',	`XscriptFileBufferSize',	`4096')dnl
_m4l_opt(`confMAILBOX_DATABASE',	`MailboxDatabase',	`pw')dnl
_m4l_opt(`confREQUIRES_DIR_FSYNC',	`RequiresDirfsync',	`true')dnl
_m4l_opt(`confAUTH_MECHANISMS',	`AuthMechanisms',	`EXTERNAL GSSAPI KERBEROS_V4 DIGEST-MD5 CRAM-MD5')dnl
_m4l_opt(`confAUTH_REALM',	`AuthRealm',	`')dnl
_m4l_opt(`confDEF_AUTH_INFO',	`DefaultAuthInfo',	`MAIL_SETTINGS_DIR`'default-auth-info')dnl
_m4l_opt(`confAUTH_OPTIONS',	`AuthOptions',	`')dnl
_m4l_opt(`confAUTH_MAX_BITS',	`AuthMaxBits',	`')dnl
_m4l_opt(`confTLS_SRV_OPTIONS',	`TLSSrvOptions',	`')dnl
_m4l_opt(`confCIPHER_LIST',	`CipherList',	`')dnl
_m4l_opt(`confSERVER_SSL_OPTIONS',	`ServerSSLOptions',	`')dnl
_m4l_opt(`confCLIENT_SSL_OPTIONS',	`ClientSSLOptions',	`')dnl
_m4l_opt(`confSSL_ENGINE',	`SSLEngine',	`')dnl
_m4l_opt(`confSSL_ENGINE_PATH',	`SSLEnginePath',	`')dnl
_m4l_opt(`confTLS_FALLBACK_TO_CLEAR',	`TLSFallbacktoClear',	`')dnl
_m4l_opt(`confINPUT_MAIL_FILTERS',	`InputMailFilters',	`')dnl
_m4l_opt(`confMILTER_LOG_LEVEL',	`Milter.LogLevel',	`',	`milter')dnl
_m4l_opt(`confMILTER_MACROS_CONNECT',	`Milter.macros.connect',	`',	`milter')dnl
_m4l_opt(`confMILTER_MACROS_HELO',	`Milter.macros.helo',	`',	`milter')dnl
_m4l_opt(`confMILTER_MACROS_ENVFROM',	`Milter.macros.envfrom',	`',	`milter')dnl
_m4l_opt(`confMILTER_MACROS_ENVRCPT',	`Milter.macros.envrcpt',	`',	`milter')dnl
_m4l_opt(`confMILTER_MACROS_EOM',	`Milter.macros.eom',	`',	`milter')dnl
_m4l_opt(`confMILTER_MACROS_EOH',	`Milter.macros.eoh',	`',	`milter')dnl
_m4l_opt(`confMILTER_MACROS_DATA',	`Milter.macros.data',	`',	`milter')dnl
_m4l_opt(`confCACERT_PATH',	`CACertPath',	`')dnl
_m4l_opt(`confCACERT',	`CACertFile',	`')dnl
_m4l_opt(`confSERVER_CERT',	`ServerCertFile',	`')dnl
_m4l_opt(`confSERVER_KEY',	`ServerKeyFile',	`')dnl
_m4l_opt(`confCLIENT_CERT',	`ClientCertFile',	`')dnl
_m4l_opt(`confCLIENT_KEY',	`ClientKeyFile',	`')dnl
_m4l_opt(`confCRL',	`CRLFile',	`')dnl
_m4l_opt(`confCRL_PATH',	`CRLPath',	`')dnl
_m4l_opt(`confDH_PARAMETERS',	`DHParameters',	`')dnl
_m4l_opt(`confRAND_FILE',	`RandFile',	`')dnl
_m4l_opt(`confCERT_FINGERPRINT_ALGORITHM',	`CertFingerprintAlgorithm',	`')dnl
_m4l_opt(`confDANE',	`DANE',	`false')dnl
_m4l_opt(`confMAX_NOOP_COMMANDS',	`MaxNOOPCommands',	`20')dnl
_m4l_opt(`confHELO_NAME',	`HeloName',	`')dnl
_m4l_opt(`confREJECT_NUL',	`RejectNUL',	`false')dnl
')

define(`_m4l_other_names', `
	_m4l_name(`confAUTO_REBUILD')
	_m4l_name(`confCF_VERSION')
	_m4l_name(`confCLIENT_OPTIONS')
	_m4l_name(`confCR_FILE')
	_m4l_name(`confCT_FILE')
	_m4l_name(`confCW_FILE')
	_m4l_name(`confDAEMON_OPTIONS')
	_m4l_name(`confDEF_GROUP_ID')
	_m4l_name(`confDEQUOTE_OPTS')
	_m4l_name(`confDOMAIN_NAME')
	_m4l_name(`confEBINDIR')
	_m4l_name(`confFROM_HEADER')
	_m4l_name(`confLDAP_CLUSTER')
	_m4l_name(`confLOCAL_MAILER')
	_m4l_name(`confMAILER_NAME')
	_m4l_name(`confMESSAGEID_HEADER')
	_m4l_name(`confMESSAGE_TIMEOUT')
	_m4l_name(`confRCPTREJ_MSG')
	_m4l_name(`confREAD_TIMEOUT')
	_m4l_name(`confRECEIVED_HEADER')
	_m4l_name(`confREJECT_MSG')
	_m4l_name(`confRELAY_MAILER')
	_m4l_name(`confRELAY_MSG')
	_m4l_name(`confSMTP_MAILER')
	_m4l_name(`confTRUSTED_USERS')
	_m4l_name(`confUUCP_MAILER')
')

dnl # Values this library sets by default (the .mc may redefine any of them).
define(`_m4l_presets', `
	_m4l_define(`ALIAS_FILE', `MAIL_SETTINGS_DIR`'aliases')
	_m4l_define(`confMAILER_NAME', ``MAILER-DAEMON'')
	_m4l_define(`confFROM_LINE', `From $g $d')
	_m4l_define(`confOPERATORS', `.:%@!^/[]+')
	_m4l_define(`confSMTP_LOGIN_MSG', `$j Sendmail $v/$Z; $b')
	_m4l_define(`confRECEIVED_HEADER', `$?sfrom $s $.$?_($?s$|from $.$_)
	$.$?{auth_type}(authenticated$?{auth_ssf} bits=${auth_ssf}$.)
	$.by $j ($v/$Z)$?r with $r$. id $i$?{tls_version}
	(version=${tls_version} cipher=${cipher} bits=${cipher_bits} verify=${verify})$.$?u
	for $u; $|;
	$.$b')
	_m4l_define(`confSEVEN_BIT_INPUT', `False')
	_m4l_define(`confALIAS_WAIT', `10')
	_m4l_define(`confMIN_FREE_BLOCKS', `100')
	_m4l_define(`confBLANK_SUB', `.')
	_m4l_define(`confCON_EXPENSIVE', `False')
	_m4l_define(`confDELIVERY_MODE', `background')
	_m4l_define(`confTEMP_FILE_MODE', `0600')
	_m4l_define(`confMCI_CACHE_SIZE', `2')
	_m4l_define(`confMCI_CACHE_TIMEOUT', `5m')
	_m4l_define(`confUSE_ERRORS_TO', `False')
	_m4l_define(`confLOG_LEVEL', `9')
	_m4l_define(`confCHECK_ALIASES', `False')
	_m4l_define(`confOLD_STYLE_HEADERS', `True')
	_m4l_define(`confPRIVACY_FLAGS', `authwarnings')
	_m4l_define(`confSAFE_QUEUE', `True')
	_m4l_define(`confTO_QUEUERETURN', `5d')
	_m4l_define(`confTO_QUEUEWARN', `4h')
	_m4l_define(`confTIME_ZONE', `USE_SYSTEM')
	_m4l_define(`confCW_FILE', `MAIL_SETTINGS_DIR`'local-host-names')
	_m4l_define(`confMIME_FORMAT_ERRORS', `True')
	_m4l_define(`confFORWARD_PATH', `$z/.forward.$w:$z/.forward')
	_m4l_define(`confCR_FILE', `-o MAIL_SETTINGS_DIR`'relay-domains')
	_m4l_define(`confMILTER_MACROS_CONNECT', ``j, _, {daemon_name}, {if_name}, {if_addr}'')
	_m4l_define(`confMILTER_MACROS_HELO', ``{tls_version}, {cipher}, {cipher_bits}, {cert_subject}, {cert_issuer}'')
	_m4l_define(`confMILTER_MACROS_ENVFROM', ``i, {auth_type}, {auth_authen}, {auth_ssf}, {auth_author}, {mail_mailer}, {mail_host}, {mail_addr}'')
	_m4l_define(`confMILTER_MACROS_ENVRCPT', ``{rcpt_mailer}, {rcpt_host}, {rcpt_addr}'')
	_m4l_define(`confMILTER_MACROS_EOM', `{msg_id}')
')
