/^Ssrv_features$/a\
R$*		$# l
