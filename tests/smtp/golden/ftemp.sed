s/^O PrivacyOptions=.*/O PrivacyOptions=authwarnings/
/^Ssrv_features$/a\
R$*		$#temp
