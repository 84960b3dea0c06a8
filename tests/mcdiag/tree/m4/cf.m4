divert(-1)
# Minimal cf tree for tests/mcdiag: FEATURE includes tree/feature/NAME.m4,
# LATE() after MAILER() prints an upstream-style *** ERROR (m4 exits 0).
define(`_CF_DIR_', substr(__file__, 0, eval(len(__file__) - 8)))
define(`FEATURE', `include(_CF_DIR_`feature/$1.m4')')
define(`MAILER', `define(`_MAILER_SEEN_', 1)dnl
Mlocal, P=/bin/mail, F=lsDFM, A=mail $u')
define(`LATE', `ifdef(`_MAILER_SEEN_', `errprint(`*** ERROR: LATE() must come before MAILER()
')')')
divert(0)dnl
V10
