s/^O PrivacyOptions=.*/O PrivacyOptions=authwarnings/
