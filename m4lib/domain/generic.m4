M4L_COMPONENT
divert(-1)
dnl # DOMAIN(generic): settings most sites want -- .forward variants with
dnl # +detail, the .REDIRECT pseudo domain, local-host-names, root exposed.
define(`confFORWARD_PATH', `$z/.forward.$w+$h:$z/.forward+$h:$z/.forward.$w:$z/.forward')
define(`confMAX_HEADERS_LENGTH', `32768')
FEATURE(`redirect')
FEATURE(`use_cw_file')
EXPOSED_USER(`root')
