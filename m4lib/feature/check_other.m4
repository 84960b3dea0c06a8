M4L_COMPONENT
divert(-1)
dnl # FEATURE(check_other [, regex]): drop connections that send a command
dnl # looking like a mail header (default regex: "word:").
define(`_m4l_chko_rx', ifelse(defn(`_ARG_'), `', `^[[:print:]]+ *:', `defn(`_ARG_')'))
LOCAL_CONFIG
ifelse(defn(`_m4l_chko_rx'), `', `', `Kbadcmd regex -m -a<BADCMD> defn(`_m4l_chko_rx')')
LOCAL_RULESETS
Scheck_other
R$* $| 2	$@ ok
ifelse(defn(`_m4l_chko_rx'), `', `', `R$+ $| 5	$: $(badcmd $1 $)
R$*<BADCMD>	$#error $@ 4.7.0 $: 421 bad command')
divert(-1)
