$a\
Scheck_eoh\
R$* $| $*		$#error $@ 5.7.0 $: "553 eoh " $1 " " $2
