#!/bin/sh
# tests/parse/run.sh BUILD -- every NAME.cf here is valid: `cfc --lint`
# must print nothing and exit 0; with --format=json it must print an
# empty array; NAME.cf read as JSON/SARIF must parse with python3 (when
# available) after the diag corpus is run through it.
cd "$(dirname "$0")" || exit 2
CFC=${CFC:-$1/cfc}
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL: parse $1"; fail=$((fail+1)); }
for cf in *.cf; do
	out=$("$CFC" --lint "$cf" 2>&1); rc=$?
	if [ $rc -eq 0 ] && [ -z "$out" ]; then ok; else
		bad "$cf (exit $rc)"; printf '%s\n' "$out" | head -10; fi
	out=$("$CFC" --lint --format=json "$cf" 2>&1); rc=$?
	if [ $rc -eq 0 ] && [ "$(printf '%s' "$out" | tr -d ' \n')" = "[]" ]; then ok; else
		bad "$cf json (exit $rc)"; fi
done
# JSON and SARIF from every broken file in tests/diag must be valid JSON
if command -v python3 >/dev/null 2>&1; then
	for cf in ../diag/*.cf; do
		for f in json sarif; do
			if "$CFC" --lint -ferror-limit=0 --format=$f "$cf" 2>&1 |
			    python3 -c 'import json,sys; json.load(sys.stdin)' 2>/dev/null
			then ok; else bad "$cf --format=$f: invalid JSON"; fi
		done
	done
fi
# usage errors exit 2
"$CFC" --no-such-option >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown option exit"
"$CFC" -Wno-no-such-check x.cf >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown -W exit"
"$CFC" --lint does-not-exist.cf >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "missing file exit"
"$CFC" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "no input exit"
echo "parse: $pass passed, $fail failed"
[ $fail -eq 0 ]
