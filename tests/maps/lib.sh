# tests/maps/lib.sh -- shared by run.sh and oracle.sh.
# maps_setup DIR MAKEMAP: copy the fixtures into DIR (private: sendmail
# refuses map files under group/world-writable directories), replace @DIR@
# in maps.cf by DIR (text maps need absolute paths), and build m.map into
# m.db (hash) and mb.db (btree) with MAKEMAP.  maps_filter puts @DIR@
# back into transcripts so they hold no machine path.
MAPS_HOST=mx.example.com

maps_setup() {
	_d=$1; _mk=$2
	for _f in "$MAPS_SRC"/*.txt "$MAPS_SRC"/switch "$MAPS_SRC"/hosts; do
		[ -f "$_f" ] && cp "$_f" "$_d"/
	done
	sed "s#@DIR@#$_d#g" "$MAPS_SRC/maps.cf" > "$_d/maps.cf" || return 1
	"$_mk" hash "$_d/m" < "$MAPS_SRC/m.map" || return 1
	"$_mk" btree "$_d/mb" < "$MAPS_SRC/m.map" || return 1
	chmod -R go-w "$_d"
}

maps_filter() {	# maps_filter DIR
	sed "s#$1#@DIR@#g"
}
