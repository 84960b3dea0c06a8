s/^O PrivacyOptions=.*/O PrivacyOptions=needvrfyhelo,needexpnhelo,noverb/
