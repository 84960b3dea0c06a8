M4L_COMPONENT
divert(-1)
dnl # FEATURE(mtamark [, message [, tempfail [, record]]]): accept only
dnl # clients marked as MTAs in DNS (draft MTA mark).
ifdef(`_MTAMARK_R', `', `define(`_MTAMARK_R', `')dnl
LOCAL_CONFIG
Kmtamark dns -R TXT -a. -T<TMP> -r`'ifdef(`MTAMARK_TO', `MTAMARK_TO', `5')
divert(-1)')
define(`_m4l_mm_rr', ifelse(_ARG3_, `', `_perm._smtp._srv', `_ARG3_'))
define(`_m4l_mm_msg', ifelse(defn(`_ARG_'), `', `"550 Rejected: " $`'&{client_addr} " not listed as MTA"', `defn(`_ARG_')'))
define(`_m4l_mm_tmp', ifelse(_ARG2_, `t', `"451 Temporary lookup failure of " '_m4l_mm_rr`.$`'&{client_addr}', `_ARG2_'))
LOCAL_DNSBL
R$*		$: $&{client_addr}
R$-.$-.$-.$-	$: <?> $(mtamark _m4l_mm_rr.$4.$3.$2.$1.in-addr.arpa. $: OK $)
R<?>1.		$: OKSOFAR
R<?>0.		$#error $@ 5.7.1 $: _m4l_mm_msg
ifelse(_ARG2_, `', `R<?>$+<TMP>	$: TMPOK', `R<?>$+<TMP>	$#error $@ 4.4.3 $: _m4l_mm_tmp')
divert(-1)
