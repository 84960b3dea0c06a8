#!/bin/sh
# tests/maps/oracle.sh -- regenerate tests/maps/*.out from the real
# sendmail 8.17 (Debian sendmail-bin) in address test mode, with a fixed
# host name, the fixture service switch and hosts files, the fixtures
# built by the real makemap.  usage: sh tests/maps/oracle.sh
set -u
MAPS_SRC=$(cd "$(dirname "$0")" && pwd)
. "$MAPS_SRC/lib.sh"
command -v sendmail >/dev/null 2>&1 && command -v makemap >/dev/null 2>&1 || {
	echo "maps oracle: sendmail-bin is not installed; nothing regenerated" >&2; exit 0; }
w=$(mktemp -d "${HOME:-/root}/.cfmta-maps.XXXXXX") || exit 2
trap 'rm -rf "$w"' EXIT
maps_setup "$w" makemap || exit 2
for in in "$MAPS_SRC"/*.in; do
	name=${in##*/}; name=${name%.in}
	(cd "$w" && unshare -u sh -c 'hostname "$1"; shift; exec "$@"' sh "$MAPS_HOST" \
		sendmail -bt -C "$w/maps.cf" -ODontProbeInterfaces=true \
		-OServiceSwitchFile="$w/switch" -OHostsFile="$w/hosts" \
		< "$in" 2>/dev/null) | maps_filter "$w" > "$MAPS_SRC/$name.out"
done
echo "maps oracle: transcripts written to tests/maps"
