M4L_COMPONENT
divert(-1)
dnl # OSTYPE(osf1): Digital UNIX / OSF/1.
_DEFIFNOT(`STATUS_FILE', `/usr/adm/sendmail/sendmail.st')
define(`confDEF_USER_ID', `daemon')
define(`confEBINDIR', `/usr/lbin')
