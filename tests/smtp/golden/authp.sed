s/^O AuthMechanisms.*/O AuthMechanisms=GSSAPI PLAIN CRAM-MD5 LOGIN/
s/^#O AuthOptions.*/O AuthOptions=p,y/
