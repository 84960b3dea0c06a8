#!/bin/sh
# install-deps.sh -- install the Debian packages the build and the tests
# need, if any is missing.  Only acts when run as root; otherwise it just
# reports what is missing.
pkgs="m4 bison flex gcc make libssl-dev libdb-dev libsasl2-dev libsasl2-modules libsasl2-modules-db sasl2-bin db-util openssl swaks"
[ -n "$CFC_WITH_CLANG" ] && pkgs="$pkgs clang libclang-rt-14-dev"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing packages:$missing (run as root to install)" >&2
	exit 0
fi
echo "install-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q $missing >/dev/null 2>&1 ||
	{ apt-get update -q >/dev/null 2>&1 && apt-get install -y -q $missing >/dev/null; }
