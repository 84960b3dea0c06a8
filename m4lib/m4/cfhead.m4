divert(-1)
dnl #
dnl # m4lib -- core vocabulary for .mc files.
dnl #
dnl # This file is read once, before the .mc file.  It defines every macro a
dnl # .mc file may call (OSTYPE, DOMAIN, FEATURE, MAILER, the class helpers,
dnl # the LOCAL_* hooks ...), loads the option table and arranges for
dnl # m4/proto.m4 to run when the .mc input is exhausted; proto.m4 writes the
dnl # actual configuration file.
dnl #
dnl # Nothing here prints user, host, date or directory names: the output
dnl # depends only on the .mc text.
dnl #
define(`_M4L_LOADED_', `1')

dnl # No m4 comments: "#" is an ordinary character in a cf file.
changecom()
dnl # GNU m4 builtins whose names are common words in cf text.
undefine(`format')
undefine(`hpux')
ifdef(`pushdef', `',
	`errprint(`*** ERROR: m4lib needs an m4 with pushdef (GNU or System V)
')m4exit(1)')

dnl # keep a private handle on the real `define' (see the conf* check below)
define(`_m4l_define', defn(`define'))

dnl ######################################################################
dnl #  Diagnostics
dnl #
dnl #  Every message is one line on stderr:
dnl #	*** ERROR: FILE:LINE: text
dnl #	*** WARNING: FILE:LINE: text
dnl #  FILE:LINE is the position in the .mc file (or the file that called the
dnl #  macro).  While a FEATURE/OSTYPE/DOMAIN/MAILER/HACK file is being read,
dnl #  the position of the .mc call that loaded it is used instead, so a
dnl #  diagnostic always points at a line the user wrote.
dnl ######################################################################
define(`_m4l_here',
	`ifdef(`_m4l_at', `_m4l_at', `__file__:__line__')')
define(`_m4l_error',
	`errprint(`*** ERROR: '_m4l_here`: $1
')_m4l_define(`_m4l_nerrors', incr(_m4l_nerrors))')
define(`_m4l_warning',
	`errprint(`*** WARNING: '_m4l_here`: $1
')')
define(`_m4l_nerrors', `0')
dnl # remember where we are in the .mc (for errors found at end of input)
define(`_m4l_track',
	`ifdef(`_m4l_at', `',
		`_m4l_define(`_m4l_lastpos', __file__:__line__)')')
define(`_m4l_lastpos', `(input)')

dnl ######################################################################
dnl #  Small helpers (also available to .mc files and hack files)
dnl ######################################################################
define(`PUSHDIVERT', `pushdef(`_m4l_div', divnum)divert($1)')
define(`POPDIVERT', `divert(_m4l_div)popdef(`_m4l_div')')
define(`lower',
	`translit(`$1', `ABCDEFGHIJKLMNOPQRSTUVWXYZ', `abcdefghijklmnopqrstuvwxyz')')
define(`strcasecmp', `ifelse(lower(`$1'), lower(`$2'), 1, 0)')
define(`_DEFIFNOT', `ifdef(`$1', `', `define(`$1', `$2')')')
define(`CONCAT', `$1$2$3$4$5$6$7')
define(`DOL', ``$'$1')
define(`CF_LEVEL', `10')
dnl # VERSIONID(text): a version note of the .mc, kept as a cf comment
define(`VERSIONID', ``# .mc version: $1'')
define(`_OPTINS', `ifdef(`$1', `$2$1$3')')

dnl # access to the extra arguments of FEATURE/HACK/MAILER:
dnl # _ARG_ (= _ARG1_) is the argument after the name, _ARGn_ the n-th such argument.
define(`_m4l_nth', `ifelse(`$1', `1', `$2', `_m4l_nth(decr($1), shift(shift($@)))')')
define(`_ARG1_', `_m4l_nth(1, _m4l_args)')
define(`_ARG2_', `_m4l_nth(2, _m4l_args)')
define(`_ARG3_', `_m4l_nth(3, _m4l_args)')
define(`_ARG4_', `_m4l_nth(4, _m4l_args)')
define(`_ARG5_', `_m4l_nth(5, _m4l_args)')
define(`_ARG6_', `_m4l_nth(6, _m4l_args)')
define(`_ARG7_', `_m4l_nth(7, _m4l_args)')
define(`_ARG8_', `_m4l_nth(8, _m4l_args)')
define(`_ARG9_', `_m4l_nth(9, _m4l_args)')
define(`_m4l_args', `')

dnl ######################################################################
dnl #  Loading component files (ostype/, domain/, feature/, mailer/, hack/)
dnl #
dnl #  _m4l_load(KIND-DIR, NAME, CALLER, ARGS...)
dnl #  Each component file starts with M4L_COMPONENT, which tells the loader
dnl #  that the file exists; a missing file is reported as an error instead
dnl #  of m4's own "cannot open" message.
dnl ######################################################################
define(`M4L_COMPONENT', `define(`_m4l_found', `yes')')
define(`_m4l_load',
`ifelse(`$2', `', `_m4l_error(`$3() needs an argument')',
`pushdef(`_m4l_found', `no')dnl
pushdef(`_m4l_at', _m4l_here)dnl
pushdef(`_m4l_args', `shift(shift(shift(shift($@))))')dnl
pushdef(`_ARG_', `$5')dnl
sinclude(_CF_DIR_`'$1/$2.m4)dnl
ifelse(_m4l_found, `yes', `',
	`_m4l_error(`unknown $3($2): there is no file $1/$2.m4')')dnl
popdef(`_ARG_')popdef(`_m4l_args')popdef(`_m4l_at')popdef(`_m4l_found')')')

define(`OSTYPE',
`_m4l_track`'PUSHDIVERT(-1)dnl
ifdef(`__OSTYPE__', `_m4l_warning(`OSTYPE($1) given although OSTYPE('defn(`__OSTYPE__')`) was already used')')dnl
define(`__OSTYPE__', `$1')dnl
_m4l_load(`ostype', `$1', `OSTYPE', $@)POPDIVERT`'')

define(`DOMAIN',
`_m4l_track`'PUSHDIVERT(-1)_m4l_load(`domain', `$1', `DOMAIN', $@)POPDIVERT`'')

define(`FEATURE',
`_m4l_track`'PUSHDIVERT(-1)dnl
ifdef(`_MAILER_DEFINED_', `ifdef(`_m4l_in_feature', `',
	`_m4l_error(`FEATURE($1) must come before the first MAILER()')')')dnl
pushdef(`_m4l_in_feature', `$1')dnl
_m4l_load(`feature', `$1', `FEATURE', $@)popdef(`_m4l_in_feature')POPDIVERT`'')

define(`HACK',
`_m4l_track`'PUSHDIVERT(-1)_m4l_load(`hack', `$1', `HACK', $@)POPDIVERT`'')

dnl # MAILER(name [, alias]): mailer definitions go to diversion 7.
define(`MAILER',
`_m4l_track`'PUSHDIVERT(-1)dnl
ifelse(`$1', `', `_m4l_error(`MAILER() needs a mailer name')',
`define(`_MAILER_DEFINED_', `1')dnl
pushdef(`_m4l_mname', ifelse(`$2', `', `$1', `$2'))dnl
ifdef(`_MAILER_'_m4l_mname`_',
	`_m4l_error(`MAILER($1) is used twice')',
	`define(`_MAILER_'_m4l_mname`_', `')dnl
divert(7)_m4l_load(`mailer', `$1', `MAILER', $@)')dnl
popdef(`_m4l_mname')')POPDIVERT`'')

dnl ######################################################################
dnl #  Port, filter and queue group declarations
dnl ######################################################################
define(`_DPO_', `')
define(`DAEMON_OPTIONS',
	`ifelse(`$1', `', `_m4l_error(`DAEMON_OPTIONS() needs an argument')',
	`define(`_DPO_', defn(`_DPO_')
O DaemonPortOptions=`$1')')')
define(`_CPO_', `')
define(`CLIENT_OPTIONS',
	`ifelse(`$1', `', `_m4l_error(`CLIENT_OPTIONS() needs an argument')',
	`define(`_CPO_', defn(`_CPO_')
O ClientPortOptions=`$1')')')
define(`_MAIL_FILTERS_', `')
define(`_m4l_nfilters', `0')
define(`MAIL_FILTER',
	`ifelse(`$1', `', `_m4l_error(`MAIL_FILTER() needs a filter name')',
	`define(`_MAIL_FILTERS_', defn(`_MAIL_FILTERS_')
X`'$1`, '`$2')define(`_m4l_nfilters', incr(_m4l_nfilters))')')
define(`INPUT_MAIL_FILTER',
	`MAIL_FILTER(`$1', `$2')ifelse(`$1', `', `',
	`ifelse(defn(`confINPUT_MAIL_FILTERS'), `',
		`_m4l_define(`confINPUT_MAIL_FILTERS', `$1')',
		`_m4l_define(`confINPUT_MAIL_FILTERS', defn(`confINPUT_MAIL_FILTERS')`, '`$1')')')')
define(`_QUEUE_GROUP_', `')
define(`QUEUE_GROUP',
	`ifelse(`$1', `', `_m4l_error(`QUEUE_GROUP() needs a queue group name')',
	`define(`_QUEUE_GROUP_', defn(`_QUEUE_GROUP_')
Q`'$1`, '`$2')')')

dnl ######################################################################
dnl #  Hooks that switch the output diversion.
dnl #
dnl #  diversion  contents
dnl #     1       LOCAL_NET_CONFIG rules (end of Parse1)
dnl #     2       LOCAL_RULE_3 (inside Canonify2)
dnl #     3       LOCAL_RULE_0 (ParseLocal)
dnl #     4       LOCAL_UUCP and mailer-supplied Parse1 rules
dnl #     5       class definitions from the helper macros below
dnl #     6       LOCAL_CONFIG
dnl #     7       mailer definitions
dnl #     8       LOCAL_DNSBL (end of Basic_check_relay)
dnl #     9       LOCAL_RULESETS, LOCAL_RULE_1/2, Local_* rulesets
dnl ######################################################################
define(`LOCAL_RULE_0', `divert(3)')
define(`LOCAL_UUCP', `divert(4)')
define(`LOCAL_RULE_3', `divert(2)')
define(`LOCAL_CONFIG', `divert(6)')
define(`MAILER_DEFINITIONS', `divert(7)')
define(`LOCAL_DNSBL', `divert(8)')
define(`LOCAL_NET_CONFIG', `define(`_LOCAL_RULES_', 1)divert(1)')
define(`LOCAL_RULESETS', `divert(9)

')
define(`LOCAL_RULE_1', `divert(9)dnl
dnl # --- ruleset 1: sender address rewriting (from LOCAL_RULE_1)
Ssender=1
')
define(`LOCAL_RULE_2', `divert(9)dnl
dnl # --- ruleset 2: recipient address rewriting (from LOCAL_RULE_2)
Srecipient=2
')
dnl # LOCAL_SRV_FEATURES and friends open a Local_xxx ruleset that the
dnl # generated xxx ruleset calls first.
define(`_m4l_local_hook',
`define(`_LOCAL_$1_')dnl
ifdef(`_MAILER_DEFINED_', `',
	`_m4l_warning(`LOCAL_$1 should come after the MAILER() lines')')dnl
divert(9)
SLocal_$2')
define(`LOCAL_SRV_FEATURES', `_m4l_local_hook(`SRV_FEATURES', `srv_features')')
define(`LOCAL_CLT_FEATURES', `_m4l_local_hook(`CLT_FEATURES', `clt_features')')
define(`LOCAL_TRY_TLS', `_m4l_local_hook(`TRY_TLS', `try_tls')')
define(`LOCAL_TLS_RCPT', `_m4l_local_hook(`TLS_RCPT', `tls_rcpt')')
define(`LOCAL_TLS_CLIENT', `_m4l_local_hook(`TLS_CLIENT', `tls_client')')
define(`LOCAL_TLS_SERVER', `_m4l_local_hook(`TLS_SERVER', `tls_server')')
dnl # UUCPSMTP(uucp-name, internet-name): a Parse1 rule (use under LOCAL_UUCP)
dnl # sending HOST.UUCP addresses of a converted neighbour by SMTP instead
define(`UUCPSMTP', `R $`'* < @ $1 .UUCP > $`'*	$`'1 < @ $2 > $`'2')

dnl ######################################################################
dnl #  Class helpers.  Each appends a C (list) or F (file) line to
dnl #  diversion 5, which proto.m4 places in the "local info" section.
dnl ######################################################################
define(`_m4l_class',
`ifelse(`$3', `', `_m4l_error(`$1() needs an argument')',
`PUSHDIVERT(5)$2`'$3
POPDIVERT`'')')
define(`EXPOSED_USER',		`_m4l_class(`EXPOSED_USER', `C{E}', `$1')')
define(`EXPOSED_USER_FILE',	`_m4l_class(`EXPOSED_USER_FILE', `F{E}', `$1')')
define(`LOCAL_USER',		`_m4l_class(`LOCAL_USER', `C{L}', `$1')')
define(`LOCAL_USER_FILE',	`_m4l_class(`LOCAL_USER_FILE', `F{L}', `$1')')
define(`MASQUERADE_DOMAIN',	`_m4l_class(`MASQUERADE_DOMAIN', `C{M}', `$1')')
define(`MASQUERADE_DOMAIN_FILE', `_m4l_class(`MASQUERADE_DOMAIN_FILE', `F{M}', `$1')')
define(`MASQUERADE_EXCEPTION',	`_m4l_class(`MASQUERADE_EXCEPTION', `C{N}', `$1')')
define(`MASQUERADE_EXCEPTION_FILE', `_m4l_class(`MASQUERADE_EXCEPTION_FILE', `F{N}', `$1')')
define(`LOCAL_DOMAIN',		`_m4l_class(`LOCAL_DOMAIN', `C{w}', `$1')')
define(`CANONIFY_DOMAIN',	`_m4l_class(`CANONIFY_DOMAIN', `C{Canonify}', `$1')')
define(`CANONIFY_DOMAIN_FILE',	`_m4l_class(`CANONIFY_DOMAIN_FILE', `F{Canonify}', `$1')')
define(`GENERICS_DOMAIN',	`_m4l_class(`GENERICS_DOMAIN', `C{G}', `$1')')
define(`GENERICS_DOMAIN_FILE',	`_m4l_class(`GENERICS_DOMAIN_FILE', `F{G}', `$1')')
define(`LDAPROUTE_DOMAIN',	`_m4l_class(`LDAPROUTE_DOMAIN', `C{LDAPRoute}', `$1')')
define(`LDAPROUTE_DOMAIN_FILE',	`_m4l_class(`LDAPROUTE_DOMAIN_FILE', `F{LDAPRoute}', `$1')')
define(`LDAPROUTE_EQUIVALENT',	`_m4l_class(`LDAPROUTE_EQUIVALENT', `C{LDAPRouteEquiv}', `$1')')
define(`LDAPROUTE_EQUIVALENT_FILE', `_m4l_class(`LDAPROUTE_EQUIVALENT_FILE', `F{LDAPRouteEquiv}', `$1')')
define(`VIRTUSER_DOMAIN',
	`define(`_VIRTHOSTS_')_m4l_class(`VIRTUSER_DOMAIN', `C{VirtHost}', `$1')')
define(`VIRTUSER_DOMAIN_FILE',
	`define(`_VIRTHOSTS_')_m4l_class(`VIRTUSER_DOMAIN_FILE', `F{VirtHost}', `$1')')
define(`RELAY_DOMAIN',		`_m4l_class(`RELAY_DOMAIN', `C{R}', `$1')')
define(`RELAY_DOMAIN_FILE',	`_m4l_class(`RELAY_DOMAIN_FILE', `F{R}', `$1')')
define(`TRUST_AUTH_MECH',
	`_DEFIFNOT(`_USE_AUTH_', `1')_m4l_class(`TRUST_AUTH_MECH', `C{TrustAuthMech}', `$1')')
define(`MASQUERADE_AS',
	`ifelse(`$1', `', `_m4l_error(`MASQUERADE_AS() needs a host name')',
	`define(`MASQUERADE_NAME', `$1')')')

dnl # SITECONFIG(file, host, class): old-style UUCP site lists
dnl # The macro $CLASS holds our name on that network; SITE(name) in the
dnl # file adds a neighbour to class CLASS (with class U, SITE(name, S)
dnl # puts it in class Y instead).  Class U also adds our UUCP names to w.
define(`SITECONFIG',
`D`'$3`'$2
_m4l_define(`_CLASS_$3_', `')_m4l_define(`_m4l_site_class', `$3')dnl
ifelse(`$3', `U', `C{w}$2 $2.UUCP', `dnl')
_m4l_define(`SITE', defn(`_m4l_site'))dnl
sinclude(_CF_DIR_`'siteconfig/$1.m4)')
define(`_m4l_site',
	`ifelse(`$2'defn(`_m4l_site_class'), `SU', `CY', `C'defn(`_m4l_site_class'))`'$1')

dnl ######################################################################
dnl #  Mailer flags: MODIFY_MAILER_FLAGS(`NAME', `flags')
dnl #	+xyz	add these flags to the mailer's defaults
dnl #	-xyz	remove these flags from the defaults
dnl #	xyz	replace the flags completely
dnl #  Mailer files compute the final flag string with _m4l_mflags(DEFAULT, NAME).
dnl ######################################################################
define(`MODIFY_MAILER_FLAGS',
`ifelse(substr(`$2', 0, 1), `+',
	`define(`_m4l_mf_add_$1', defn(`_m4l_mf_add_$1')`'substr(`$2', 1))',
	substr(`$2', 0, 1), `-',
	`define(`_m4l_mf_del_$1', defn(`_m4l_mf_del_$1')`'substr(`$2', 1))',
	`define(`_m4l_mf_set_$1', `$2')undefine(`_m4l_mf_add_$1')undefine(`_m4l_mf_del_$1')')')
dnl # append each character of $2 to $1 unless already present
define(`_m4l_addchars',
	`ifelse(`$2', `', `$1',
	`_m4l_addchars(ifelse(index(`$1', substr(`$2', 0, 1)), -1,
		`$1`'substr(`$2', 0, 1)', `$1'), substr(`$2', 1))')')
define(`_m4l_mflags',
	`ifdef(`_m4l_mf_set_$2', `defn(`_m4l_mf_set_$2')',
	`_m4l_addchars(translit(`$1', defn(`_m4l_mf_del_$2')), defn(`_m4l_mf_add_$2'))')')
dnl # the historical name, for hack files written for the classic tree
define(`_MODMF_', `_m4l_mflags(`$1', `$2')')

dnl ######################################################################
dnl #  Options: the one table of conf* names lives in m4/options.m4.
dnl ######################################################################
include(_CF_DIR_`'m4/options.m4)

dnl # Known names: each table entry marks its name as known.
define(`_m4l_opt', `_m4l_define(`_m4l_known_$1', `1')')
define(`_m4l_name', `_m4l_define(`_m4l_known_$1', `1')')
_m4l_option_table
_m4l_other_names

dnl # `define' of an unknown conf* name draws a warning naming the closest
dnl # known name (the user has most likely mistyped it).
define(`define',
`ifelse(`$#', `0', ``define'',
`ifelse(substr(`$1', 0, 4), `conf',
	`ifdef(`_m4l_known_$1', `',
	`_m4l_warning(`unknown option name "$1"; did you mean "'_m4l_closest(`$1')`"?')')')dnl
_m4l_define(`$1', `$2')')')
include(_CF_DIR_`'m4/closest.m4)

dnl ######################################################################
dnl #  Defaults that the generated file sets explicitly unless the .mc
dnl #  overrides them (see _m4l_presets in m4/options.m4).
dnl ######################################################################
ifdef(`MAIL_SETTINGS_DIR', `', `_m4l_define(`MAIL_SETTINGS_DIR', `/etc/mail/')')
_m4l_define(`DATABASE_MAP_TYPE', `hash')
_m4l_presets

dnl # the real work happens after the whole .mc has been read
include(_CF_DIR_`'m4/maps.m4)
m4wrap(`include(_CF_DIR_`'m4/proto.m4)')
divert(0)dnl
