M4L_COMPONENT
divert(-1)
dnl # FEATURE(queuegroup [, default group]): choose the queue group from
dnl # qgrp: entries in the access map.
ifdef(`_ACCESS_TABLE_', `', `_m4l_error(`FEATURE(queuegroup) needs FEATURE(access_db) first')')
LOCAL_RULESETS
Squeuegroup
R< $+ >		$1
R $+ @ $+	$: $>SearchList <! qgrp> $| <F:$1@$2> <D:$2> <>
ifelse(defn(`_ARG_'), `', `R<?>		$@', `R<?>		$# defn(`_ARG_')')
R<$+>		$# $1
divert(-1)
