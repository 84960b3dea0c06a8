M4L_COMPONENT
divert(-1)
dnl # FEATURE(masquerade_envelope): masquerade envelope addresses too.
define(`_MASQUERADE_ENVELOPE_', 1)
