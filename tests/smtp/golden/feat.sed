s/^O PrivacyOptions=.*/O PrivacyOptions=authwarnings/
/^Ssrv_features$/a\
R$*		$# D E P X B
