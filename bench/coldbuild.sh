# Sourced by bench/build-size.sh and bench/peer/build-cold.sh.
#
# cold_build NAME PKG DIR: builds PKG (with -tags $COLD_TAGS when set) from module
# directory DIR with an empty build cache (the module cache is shared, and GOPROXY=off
# keeps it offline), prints one Markdown table row (NAME, binary bytes, build wall time,
# peak RSS) and leaves the size in COLD_SIZE. /usr/bin/time reports the peak RSS of the
# largest single process of the build (the go command, one compile or the link), not the
# sum of the processes running at once.
cold_build() {
	local name=$1 pkg=$2 dir=$3
	local tmp
	tmp=$(mktemp -d)
	(cd "$dir" && GOCACHE="$tmp/cache" GOPROXY=off GOFLAGS=-mod=readonly \
		/usr/bin/time -v -o "$tmp/time" go build ${COLD_TAGS:+-tags "$COLD_TAGS"} -o "$tmp/bin" "$pkg")
	local size wall rss
	size=$(stat -c %s "$tmp/bin")
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$tmp/time")
	rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$tmp/time")
	printf '| %s | %d | %.2f MiB | %s | %s MiB |\n' "$name" "$size" "$(echo "$size / 1048576" | bc -l)" "$wall" "$rss"
	COLD_SIZE=$size
	chmod -R u+w "$tmp" && rm -rf "$tmp"
}

cold_build_header() {
	echo '| program | bytes | size | build wall time (m:ss) | peak RSS |'
	echo '|---|---:|---:|---:|---:|'
}
