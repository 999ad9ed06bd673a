#!/usr/bin/env bash
# engine/bench/run.sh — our push vs `skopeo copy` vs jib-core, side by side, in one run, against one
# loopback docker-registry with TLS (self-signed CA) and htpasswd. Prints each case's median, the
# ratio to skopeo and whether the target holds. RUNS (default 5) runs per tool and case.
# Needs: java 17+, maven, docker-registry, skopeo, openssl, apache2-utils (htpasswd), python3,
# /usr/bin/time, and a JDK directory of real files (default /usr/lib/jvm/temurin-25-jdk-amd64).
set -euo pipefail
RUNS=${RUNS:-5}
here=$(cd "$(dirname "$0")" && pwd)
engine=$(cd "$here/.." && pwd)
work=${BENCH_WORK:-$here/work}
jdk=${BENCH_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
jdk2=${BENCH_JDK2:-/usr/lib/jvm/java-17-openjdk-amd64}
mkdir -p "$work"
log="$work/bench.log"; : > "$log"

say() { echo "bench: $*" >&2; }

# ---- build what is measured
[ -f "$engine/target/aliyun-cr.jar" ] || mvn -B -q -f "$engine/pom.xml" package -DskipTests
if [ ! -f "$here/jib/target/classpath.txt" ]; then
    mvn -B -q -f "$here/jib/pom.xml" package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
fi
jibcp="$here/jib/target/classes:$(cat "$here/jib/target/classpath.txt")"

# ---- images: 200 MiB of real files in 4 layers; 1 GiB of random data in 4 layers
if [ ! -f "$work/jdk.tar" ]; then
    say "building the 200 MiB image from $jdk and $jdk2"
    rel=${jdk#/}; rel2=${jdk2#/}
    tar -C / -cf "$work/l1.tar" "$rel/lib/server"
    tar -C / -cf "$work/l2.tar" "$rel/lib/src.zip" "$rel/lib/ct.sym"
    tar -C / -chf "$work/l3.tar" "$rel2/lib/server"
    tar -C / -cf "$work/l4.tar" --exclude="$rel/lib/server" --exclude="$rel/lib/src.zip" --exclude="$rel/lib/ct.sym" \
        --exclude="$rel/lib/modules" "$rel"
    "$here/make-archive.sh" "$work/jdk.tar" bench/jdk:1 "$work"/l[1-4].tar
    rm -f "$work"/l[1-4].tar
fi
if [ ! -f "$work/big.tar" ]; then
    say "building the 1 GiB image"
    for i in 1 2 3 4; do
        mkdir -p "$work/big$i"; head -c $((256 << 20)) /dev/urandom > "$work/big$i/data.bin"
        tar -C "$work/big$i" -cf "$work/b$i.tar" data.bin; rm -rf "$work/big$i"
    done
    "$here/make-archive.sh" "$work/big.tar" bench/big:1 "$work"/b[1-4].tar
    rm -f "$work"/b[1-4].tar
fi

# ---- a TLS + htpasswd registry on a free loopback port
reg="$work/registry"; rm -rf "$reg"; mkdir -p "$reg/certs"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
host="127.0.0.1:$port"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$reg/key.pem" -out "$reg/cert.pem" 2>/dev/null
cp "$reg/cert.pem" "$reg/certs/ca.crt"
pass=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
printf '%s\n' "$pass" | htpasswd -niB bench > "$reg/htpasswd"
umask 077
printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$host" "$(printf 'bench:%s' "$pass" | base64 -w0)" > "$reg/auth.json"
umask 022
unset pass
cat > "$reg/config.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $reg/data}}
http: {addr: "$host", tls: {certificate: $reg/cert.pem, key: $reg/key.pem}}
auth: {htpasswd: {realm: bench, path: $reg/htpasswd}}
YML
docker-registry serve "$reg/config.yml" >> "$log" 2>&1 &
regpid=$!
trap 'kill $regpid 2>/dev/null || true' EXIT
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done
keytool -importcert -noprompt -alias bench -file "$reg/cert.pem" -keystore "$reg/trust.p12" -storetype PKCS12 -storepass changeit >/dev/null 2>&1
say "registry on $host"

# ---- the three tools: TOOL SOURCE DEST, with their caches in $work/cache-TOOL
ours()   { local srcca=(); [[ $1 == docker://* ]] && srcca=(--source-ca-cert "$reg/cert.pem")
           "$engine/bin/aliyun-cr" push "$1" "$2" --docker-config "$reg/auth.json" --ca-cert "$reg/cert.pem" "${srcca[@]}" \
               --cache-dir "$work/cache-ours" > "$work/ours.out" 2> "$work/ours.err"; }
# As root, skopeo keeps its blob-info cache in /var/lib/containers/cache whatever HOME is; in a user
# namespace (unshare -U) it counts as rootless and uses $HOME, so each run starts from its own cache.
userns=(); [ "$(id -u)" -eq 0 ] && unshare -U true 2>/dev/null && userns=(unshare -U)
[ "$(id -u)" -eq 0 ] && [ ${#userns[@]} -eq 0 ] && say "warning: skopeo shares /var/lib/containers/cache between runs (no unshare -U)"
skopeo_() { HOME="$work/cache-skopeo" "${userns[@]}" skopeo copy -q --authfile "$reg/auth.json" --src-cert-dir "$reg/certs" --dest-cert-dir "$reg/certs" \
               "$1" "docker://$2" >> "$log" 2>&1; }
jib()    { java -Djavax.net.ssl.trustStore="$reg/trust.p12" -Djavax.net.ssl.trustStorePassword=changeit -cp "$jibcp" JibPush \
               "$1" "$2" "$reg/auth.json" "$work/cache-jib" >> "$log" 2>&1; }
fresh_cache() { rm -rf "$work/cache-$1"; mkdir -p "$work/cache-$1"; }
now() { date +%s%N; }
timed() { local t0; t0=$(now); "$@"; echo $(( ($(now) - t0) / 1000000 )); }
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
digest() { HOME="$work/cache-inspect" skopeo inspect --raw --authfile "$reg/auth.json" --cert-dir "$reg/certs" "docker://$1" | sha256sum | cut -d' ' -f1; }

declare -A T
rm -f "$engine/target/aliyun-cr.jar.jsa"      # the warm-up push below makes the launcher's CDS archive (not timed)
ours "docker-archive:$work/jdk.tar" "$host/warmup/cds:1" || { cat "$work/ours.err" >&2; exit 1; }

say "case 1: fresh push of $(du -m "$work/jdk.tar" | cut -f1) MiB docker-archive into an empty repository"
for i in $(seq "$RUNS"); do
    for tool in ours skopeo jib; do
        fresh_cache "$tool"
        fn=$tool; [ "$tool" = skopeo ] && fn=skopeo_
        T[fresh_$tool]+=" $(timed $fn "docker-archive:$work/jdk.tar" "$host/fresh-$tool-$i/jdk:1")"
    done
done

say "case 2: repeat push, every blob present, each tool with its own warm cache"
for tool in ours skopeo jib; do
    fn=$tool; [ "$tool" = skopeo ] && fn=skopeo_
    fresh_cache "$tool"; $fn "docker-archive:$work/jdk.tar" "$host/repeat-$tool/jdk:1"
    for i in $(seq "$RUNS"); do
        T[repeat_$tool]+=" $(timed $fn "docker-archive:$work/jdk.tar" "$host/repeat-$tool/jdk:1")"
        [ "$tool" = ours ] && T[repeat_inproc]+=" $(sed -n 's/.* in \([0-9]*\) ms$/\1/p' "$work/ours.err")"
    done
done

say "case 3: copy to another repository of the same registry"
src="$host/fresh-skopeo-1/jdk:1"; srcdigest=$(digest "$src"); digest_ok=yes
for i in $(seq "$RUNS"); do
    for tool in ours skopeo jib; do
        fresh_cache "$tool"
        fn=$tool; [ "$tool" = skopeo ] && fn=skopeo_
        T[copy_$tool]+=" $(timed $fn "docker://$src" "$host/copy-$tool-$i/jdk:1")"
    done
    [ "$(digest "$host/copy-ours-$i/jdk:1")" = "$srcdigest" ] || digest_ok=no
done

say "case 2b/3b: repeat push and copy again, $RUNS times each inside one running JVM, as pushImage runs on a Jenkins agent"
# WarmPush runs the command RUNS+1 times in one JVM; the first run (a cold JVM, as above) is left out.
warm() { java -XX:+UseSerialGC -Xmx192m -cp "$engine/target/aliyun-cr.jar" "$here/WarmPush.java" "$((RUNS + 1))" push "$@" \
             --docker-config "$reg/auth.json" --ca-cert "$reg/cert.pem" --cache-dir "$work/cache-ours" 2>> "$log" | sed -n 's/^warm: [0-9]* //p'; }
T[repeat_warm]=$(warm "docker-archive:$work/jdk.tar" "$host/repeat-ours/jdk:1") || { say "WarmPush failed: see $log"; exit 1; }
T[copy_warm]=$(warm "docker://$src" "$host/copy-warm-{n}/jdk:1" --source-ca-cert "$reg/cert.pem") || { say "WarmPush failed: see $log"; exit 1; }
[ "$(digest "$host/copy-warm-$((RUNS + 1))/jdk:1")" = "$srcdigest" ] || digest_ok=no

say "case 5: the floor under any cold-JVM push: a bare Java TLS client (TlsFloor.java) and its first answer"
# The same JVM settings as our launcher, with a CDS archive of its own made by a first (untimed) run.
floordir="$work/floor"; rm -rf "$floordir"; mkdir -p "$floordir"
javac -d "$floordir/classes" "$here/TlsFloor.java"
jar cf "$floordir/floor.jar" -C "$floordir/classes" .      # CDS archives only classes from jars
floorjava=(java -XX:+UseSerialGC -Xmx192m -XX:-UsePerfData -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
"${floorjava[@]}" -XX:ArchiveClassesAtExit="$floordir/floor.jsa" -cp "$floordir/floor.jar" TlsFloor 127.0.0.1 "$port" "$reg/cert.pem" >> "$log"
for i in $(seq "$RUNS"); do
    t0=$(now)
    f=$("${floorjava[@]}" -XX:SharedArchiveFile="$floordir/floor.jsa" -cp "$floordir/floor.jar" TlsFloor 127.0.0.1 "$port" "$reg/cert.pem")
    T[floor_whole]+=" $(( ($(now) - t0) / 1000000 ))"
    T[floor_main]+=" $(echo "$f" | awk '{print $2}')"
    T[floor_tls]+=" $(echo "$f" | awk '{print $3 "+" $4 "+" $5}')"
done

say "case 4: peak memory pushing the 1 GiB image"
rss_ours=0; rss_skopeo=0
for i in 1 2 3; do
    fresh_cache ours; fresh_cache skopeo
    t0=$(now)
    r=$(/usr/bin/time -f '%M' "$engine/bin/aliyun-cr" push "docker-archive:$work/big.tar" "$host/big-ours-$i/big:1" \
            --docker-config "$reg/auth.json" --ca-cert "$reg/cert.pem" --cache-dir "$work/cache-ours" 2>&1 >/dev/null | tail -1)
    T[big_ours]+=" $(( ($(now) - t0) / 1000000 ))"
    [ "$r" -gt "$rss_ours" ] && rss_ours=$r
    fresh_cache ours
    t0=$(now)
    r=$(HOME="$work/cache-skopeo" /usr/bin/time -f '%M' "${userns[@]}" skopeo copy -q --authfile "$reg/auth.json" --dest-cert-dir "$reg/certs" \
            "docker-archive:$work/big.tar" "docker://$host/big-skopeo-$i/big:1" 2>&1 >/dev/null | tail -1)
    T[big_skopeo]+=" $(( ($(now) - t0) / 1000000 ))"
    [ "$r" -gt "$rss_skopeo" ] && rss_skopeo=$r
done

# ---- the table
m() { echo "${T[$1]}" | median; }
row() { # case ours skopeo jib target-ratio
    local r; r=$(awk -v a="$2" -v b="$3" 'BEGIN {printf "%.2f", a / b}')
    local ok; ok=$(awk -v r="$r" -v t="$5" 'BEGIN {print (r <= t ? "yes" : "NO")}')
    printf '| %-44s | %8s | %8s | %8s | %6s× | ≤ %-5s | %-4s |\n' "$1" "$2" "$3" "$4" "$r" "$5×" "$ok"
}
echo
echo "Medians of $RUNS runs, milliseconds, whole process; $(nproc) cores; $(java -version 2>&1 | head -1)"
echo
printf '| %-44s | %8s | %8s | %8s | %7s | %-8s | %-4s |\n' case ours skopeo jib-core ratio target met
echo "|----------------------------------------------|----------|----------|----------|---------|----------|------|"
row "fresh push, 200 MiB docker-archive"  "$(m fresh_ours)"  "$(m fresh_skopeo)"  "$(m fresh_jib)"  1.0
row "repeat push, all blobs present"      "$(m repeat_ours)" "$(m repeat_skopeo)" "$(m repeat_jib)" 3
row "copy to another repository (same registry)" "$(m copy_ours)" "$(m copy_skopeo)" "$(m copy_jib)" 0.25
echo
inproc=$(m repeat_inproc)
echo "repeat push, in-process part (ours, from the command's start to its result): median ${inproc} ms — target < 100 ms: $( [ "$inproc" -lt 100 ] && echo yes || echo NO )"
echo "in a running JVM (pushImage on a Jenkins agent, after its first push), from the command's start to its result:"
echo "  repeat push median $(m repeat_warm) ms ($(awk -v a="$(m repeat_warm)" -v b="$(m repeat_skopeo)" 'BEGIN {printf "%.2f", a / b}')× skopeo's whole process);" \
     "copy median $(m copy_warm) ms ($(awk -v a="$(m copy_warm)" -v b="$(m copy_skopeo)" 'BEGIN {printf "%.2f", a / b}')× skopeo's whole process)"
echo "copy: pushed digest equals the source's in every run: $digest_ok"
copymax=$(( $(m copy_skopeo) / 4 ))
echo "floor (TlsFloor: a cold JVM opens one TLS connection and reads the answer to GET /v2/, nothing else):" \
     "median $(m floor_main) ms from main to the answer, $(m floor_whole) ms whole process (set-up+handshake+request: ${T[floor_tls]# })"
echo "  in-process target < 100 ms: $( [ "$(m floor_main)" -lt 100 ] && echo "above the floor" || echo "below the floor, out of reach of a cold JVM" );" \
     "copy target ≤ ${copymax} ms whole process (0.25× skopeo): $( [ "$(m floor_whole)" -le "$copymax" ] && echo "above the floor" || echo "below the floor, out of reach of a cold JVM" )"
echo "1 GiB push: ours median $(m big_ours) ms, peak RSS $((rss_ours / 1024)) MiB (target ≤ 256 MiB: $( [ "$rss_ours" -le 262144 ] && echo yes || echo NO )); skopeo median $(m big_skopeo) ms, peak RSS $((rss_skopeo / 1024)) MiB"
echo "raw: $(for k in "${!T[@]}"; do printf '%s=[%s] ' "$k" "${T[$k]# }"; done)"
