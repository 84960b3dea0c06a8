M4L_COMPONENT
divert(-1)
dnl # FEATURE(bcc [, map spec|`access' [, bcc address [, user [, canonical map]]]]):
dnl # send a copy of mail for some domains to another address.
ifelse(lower(defn(`_ARG_')), `access', `define(`_BCC_ACCESS_', `1')')
define(`_ADD_BCC_', `1')
ifdef(`_BCC_ACCESS_', `ifdef(`_ACCESS_TABLE_', `', `_m4l_error(`FEATURE(bcc, access) needs FEATURE(access_db) first')')')
LOCAL_CONFIG
ifdef(`_BCC_ACCESS_', `', `Kbcctable ifelse(defn(`_ARG_'), `', `DATABASE_MAP_TYPE MAIL_SETTINGS_DIR`'bcctable', `defn(`_ARG_')')')
O AddBcc=true
ifelse(_ARG2_, `', `', `DA`'_ARG2_')
ifelse(_ARG4_, `', `', `define(`_CANONIFY_BCC_', `1')define(`_NEED_SMTPOPMODES_', `1')dnl
KcanonicalRcpt _ARG4_')
LOCAL_RULESETS
Sbcc
R< $+ >			$1
ifdef(`_BCC_ACCESS_', `R$+ @ $+		$: $1@$2 $| $>SearchList <! bcc> $| <D:$2> <>',
`R$+ @ $+		$: $1@$2 $| $>BCC $2')
R$* $| <?>		$@
R$* $| $*		$: ifelse(_ARG3_, `', `$1', `_ARG3_')
ifdef(`_CANONIFY_BCC_', `R$+ @ $+		$: $1@$2 $| <$(canonicalRcpt $1 @ $2 $: $)>
R$* $| <>		$@
R$* $| <$* <TMPF>>	$#error $@ 4.3.0 $: _m4l_tmpf_msg
R$* $| <$+>		$@ $2', `dnl')
ifdef(`_BCC_ACCESS_', `dnl', `
#  BCC: look the domain up in the bcc table, then its parents
SBCC
R$+		$: $1 < $(bcctable $1 $: ? $) >
R$- . $+ <?>	$: $2 < $(bcctable .$2 $: ? $) >
R$- . $+ <?>	$: $>BCC $2
R$* <$*>	$: <$2>')
divert(-1)
