s/^O AuthMechanisms.*/O AuthMechanisms=GSSAPI PLAIN CRAM-MD5 LOGIN/
/^O AuthMechanisms/a\
C{TrustAuthMech}LOGIN PLAIN
