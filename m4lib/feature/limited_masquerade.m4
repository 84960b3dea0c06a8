M4L_COMPONENT
divert(-1)
dnl # FEATURE(limited_masquerade): only class M is masqueraded, not class w.
define(`_LIMITED_MASQUERADE_', 1)
