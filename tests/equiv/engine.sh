#!/bin/sh
# engine.sh CF [args] < commands -- run a cf the way the oracle runs the
# real sendmail (hostname mx.example.com in a private UTS namespace, hosts
# file only, no interface probing), but through the project: cfc compiles
# the cf to an image, cfmta -bt runs the image.  BUILD must be set.
cf=$1; shift
case $cf in /*) ;; *) cf=$(pwd)/$cf ;; esac
top=$(cd "$(dirname "$0")/../.." && pwd)
img=$(mktemp "${TMPDIR:-/tmp}/equiv.XXXXXX")
trap 'rm -f "$img"' EXIT
"$BUILD/cfc" --permissive "$cf" -o "$img" 2>/dev/null || { echo "engine: cfc failed on $cf" >&2; exit 1; }
exec 3<&0
unshare -u sh -c 'hostname mx.example.com; exec "$@"' sh "$BUILD/cfmta" -bt -C "$img" \
    -ODontProbeInterfaces=true -OHostsFile="$top/tests/fixtures/hosts" "$@" <&3
