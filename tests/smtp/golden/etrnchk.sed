/^Scheck_relay$/i\
Scheck_etrn\
R$*		$: $(arith l $@ $&{load_avg} $@ 100000 $) $| $1\
RFALSE $| $*		$#error $@ 4.3.2 $: "458 load average not below 100000"\
RTRUE $| bad.example	$#error $@ 5.7.1 $: "550 ETRN for bad.example refused"\
RTRUE $| temp.example	$#error $@ 4.7.1 $: "458 not now"\
RTRUE $| drop.example	$#discard $: x\
RTRUE $| nocode.example	$#error $: no code given\
RTRUE $| $+ foo		$#error $@ 5.7.1 $: "550 no queue foo here"\
RTRUE $| @ $+		$#error $@ 5.7.1 $: "550 no @ form"\
RTRUE $| $*		$@ OK\
R$*		$#error $@ 5.7.1 $: "550 load_avg is not a number"
