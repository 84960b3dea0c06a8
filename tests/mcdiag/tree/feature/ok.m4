divert(0)dnl
S0
R$*	$@ $1
