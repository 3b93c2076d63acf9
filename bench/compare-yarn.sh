#!/usr/bin/env bash
# Issue 9, side by side on one machine in one run: Mezzo's master-side fill round (MasterFill,
# the real master core with drf, in process) and then the YARN peer (FairScheduler/DRF and
# CapacityScheduler/DRC, scenario A), and the ratios per size.
#   bench/compare-yarn.sh                 # N=1000 on both sides (peer QUICK mode, ~10 min)
#   FULL=1 bench/compare-yarn.sh          # also N=10000 on both sides (peer takes ~30+ min more)
#   HTTP=1 bench/compare-yarn.sh          # also Mezzo through its HTTP API (HttpFill, N=1000, ~5 min)
# Env: YARN_PEER (default ../shared/peers/yarn-alloc, relative to the repository root),
#      WARMUP / ROUNDS for Mezzo (default 5 / 5), HEAP (default 6g, as the peer).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PEER=${YARN_PEER:-$ROOT/../shared/peers/yarn-alloc}
HEAP=${HEAP:-6g}
OUT=${OUT:-$ROOT/bench/target/compare-yarn-$(date -u +%Y%m%dT%H%M%SZ).txt}

if [ ! -f bench/target/benchmarks.jar ]; then
  echo "== build (mvn -B -q -DskipTests install)"
  mvn -B -q -DskipTests install
fi
mkdir -p "$(dirname "$OUT")"
SIZES="1000x100 1000x1000"
if [ -n "${FULL:-}" ]; then SIZES="$SIZES 10000x100 10000x1000"; fi

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT"
echo "== Mezzo: MasterFill $SIZES" | tee -a "$OUT"
java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -cp bench/target/benchmarks.jar io.mezzo.bench.fill.MasterFill \
  $SIZES --warmup "${WARMUP:-5}" --rounds "${ROUNDS:-5}" | tee -a "$OUT"

if [ -n "${HTTP:-}" ]; then
  for M in 100 1000; do
    echo "== Mezzo through HTTP: HttpFill 1000x$M" | tee -a "$OUT"
    java -Xmx3g -cp bench/target/benchmarks.jar io.mezzo.bench.e2e.HttpFill --dist karaf-assembly/target/assembly \
      --nodes bench/target/http-fill --agents 1000 --frameworks "$M" --rounds 5 --warmup 2 | tee -a "$OUT"
  done
fi

echo "== YARN peer: $PEER" | tee -a "$OUT"
if [ -n "${FULL:-}" ]; then
  (cd "$PEER" && ./run.sh) 2>&1 | tee -a "$OUT"
else
  (cd "$PEER" && QUICK=1 ./run.sh) 2>&1 | tee -a "$OUT"
fi
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"

echo
echo "== side by side (median ms per round; ratio = YARN / Mezzo)"
python3 - "$OUT" <<'EOF'
import re, sys
mezzo, yarn, http = {}, {}, {}
for line in open(sys.argv[1]):
    m = re.match(r'RESULT http-fill (\d+)x(\d+): round median ([0-9.]+) ms', line)
    if m:
        http[(m.group(1), m.group(2))] = float(m.group(3))
        continue
    if not line.startswith("RESULT "):
        continue
    kv = dict(re.findall(r'(\w+)=(\S+)', line))
    if kv.get("system") == "mezzo-master":
        mezzo[(kv["nodes"], kv["apps"])] = float(kv["median_ms"])
    elif kv.get("scenario") == "A":
        key = (kv["nodes"], kv["apps"])
        yarn.setdefault(key, []).append((kv["sched"], float(kv["median_ms"])))
print("%-12s %12s %12s  %-34s %10s %8s %8s" % ("N x M", "Mezzo ms", "HTTP ms", "YARN scheduler", "YARN ms",
                                              "ratio", "HTTP"))
for key in sorted(mezzo, key=lambda k: (int(k[0]), int(k[1]))):
    rows = yarn.get(key, [("(not run)", float("nan"))])
    h = http.get(key, float("nan"))
    for sched, ms in rows:
        print("%-12s %12.1f %12.1f  %-34s %10.1f %7.1fx %7.1fx" % ("x".join(key), mezzo[key], h, sched, ms,
                                                                  ms / mezzo[key], ms / h))
EOF
echo "(full output: $OUT)"
