M4L_COMPONENT
divert(-1)
dnl # FEATURE(greet_pause [, msecs]): wait before the greeting (GreetPause:
dnl # access entries override the default).
ifelse(defn(`_ARG_'), `', `ifdef(`_ACCESS_TABLE_', `',
	`_m4l_error(`FEATURE(greet_pause) without a time needs FEATURE(access_db) first')')')
define(`_GREET_PAUSE_', `')
LOCAL_RULESETS
SLocal_greet_pause
Sgreet_pause
R$*			$: <$1><?> $| $>"Local_greet_pause" $1
R<$*><?> $| $#$*	$#$2
R<$*><?> $| $*		$: $1
ifdef(`_ACCESS_TABLE_', `dnl
R$+ $| $+		$: $>D < $1 > <?> <! GreetPause> < $2 >
R   $| $+		$: $>A < $1 > <?> <! GreetPause> <>
R<?> <$+>		$: $>A < $1 > <?> <! GreetPause> <>
ifelse(defn(`_ARG_'), `', `R<?> <$*>		$@', `R<?> <$*>		$# defn(`_ARG_')')
R<$* <TMPF>> <$*>	$@
R<$+> <$*>		$# $1', `dnl
R$*			$# defn(`_ARG_')')
divert(-1)
