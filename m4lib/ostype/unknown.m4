M4L_COMPONENT
divert(-1)
dnl # OSTYPE(unknown): a placeholder that refuses to build.
_m4l_error(`OSTYPE(unknown) is a placeholder: name the real operating system')
