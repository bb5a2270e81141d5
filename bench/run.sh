#!/bin/sh
# bench/run.sh: `make bench`. TPC-H on Ember (through Spark Connect, tables read with
# spark.read.parquet) against DuckDB (npm) on the same Parquet files, the micro-benchmarks
# (scan-aggregate at 1 and 2 threads, scan throughput, interrupt latency, client RSS) and the
# protocol costs; writes bench/results/<date>-tpch-sf<N>.md and .svg and prints the tables.
# Run after `make` (the release build) and `make deps`.
#
# Environment (all optional):
#   BENCH_SF=1            scale factor (SF10: BENCH_SF=10; see bench/README.md)
#   BENCH_RUNS=3          timed runs per query (after one warm-up run that checks the answers)
#   BENCH_THREADS=2       threads of both engines
#   BENCH_DATA=~/.cache/ember-bench   where generated data is cached (outside the repository)
#   BENCH_TIMEOUT=20      seconds before an Ember query is interrupted (reported as TIMEOUT)
#   BENCH_KILL_AFTER=10   seconds from that interrupt to killing a server that ignores it
#   BENCH_MAX_RSS_MIB=8192  Ember server RSS cap per query (reported as MEMORY_LIMIT)
#   BENCH_CODEC=snappy    Parquet codec (snappy or uncompressed)
#   BENCH_LOAD=parquet    how Ember gets the tables: parquet (spark.read.parquet) or local
#                         (the .tbl files uploaded as Arrow LocalRelations)
#   BENCH_MICRO=1         0 skips the micro-benchmarks; BENCH_AGG_ROWS (50000000),
#                         BENCH_MICRO_RUNS (5), BENCH_RSS_ROWS (10000000) size them
#   BENCH_PROTO=1         0 skips the protocol costs
#   BUILD=build           the release build directory
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
SF=${BENCH_SF:-1}
RUNS=${BENCH_RUNS:-3}
THREADS=${BENCH_THREADS:-2}
CODEC=${BENCH_CODEC:-snappy}
TIMEOUT=${BENCH_TIMEOUT:-20}
MAX_RSS=${BENCH_MAX_RSS_MIB:-8192}
DATA=${BENCH_DATA:-${XDG_CACHE_HOME:-$HOME/.cache}/ember-bench}
QUERIES=${BENCH_QUERIES:-$ROOT/../shared/bench/queries/tpch}
EMBER="$BUILD/ember"
EB="$BUILD/bench/ember-bench"
GEN="$BUILD/bench/tpch-gen"

for f in "$EMBER" "$EB" "$GEN"; do
    [ -x "$f" ] || { echo "bench: $f is missing: run make first" >&2; exit 1; }
done
[ -d "$QUERIES" ] || { echo "bench: no queries at $QUERIES" >&2; exit 1; }
[ -d "$ROOT/bench/js/node_modules/@duckdb/node-api" ] || {
    echo "bench: DuckDB is missing: run make deps" >&2; exit 1; }

# Data: generated once per scale factor, converted once per codec, cached outside the repo.
TBL="$DATA/sf$SF/tbl"
PQ="$DATA/sf$SF/parquet-$CODEC"
if [ ! -f "$TBL/manifest.txt" ]; then
    mkdir -p "$TBL"
    "$GEN" --sf "$SF" --out "$TBL" --threads "$THREADS"
fi
if [ ! -f "$PQ/complete" ]; then
    node "$ROOT/bench/js/convert.mjs" --tbl "$TBL" --out "$PQ" --codec "$CODEC" --threads "$THREADS"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ember-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM

# TPC-H, both engines alternating query by query.
node "$ROOT/bench/js/bench.mjs" --parquet "$PQ" --tbl "$TBL" --queries "$QUERIES" \
    --runs "$RUNS" --threads "$THREADS" --ember "$EMBER" --ember-bench "$EB" \
    --work "$WORK" --out "$WORK/tpch.json" --timeout "$TIMEOUT" --max-rss-mib "$MAX_RSS" \
    --kill-after "${BENCH_KILL_AFTER:-10}" --load "${BENCH_LOAD:-parquet}"

# Micro-benchmarks: scan-aggregate (1 vs 2 threads), lineitem scan, interrupt, client RSS.
RSS_TOOL=""
for t in "$BUILD/tests/client/ember-rss-collect" "$BUILD/ember-rss-collect"; do
    [ -x "$t" ] && { RSS_TOOL="$t"; break; }
done
if [ "${BENCH_MICRO:-1}" != 0 ]; then
    node "$ROOT/bench/js/micro.mjs" --parquet "$PQ" --ember "$EMBER" --ember-bench "$EB" \
        --work "$WORK" --out "$WORK/micro.json" --threads "$THREADS" \
        --runs "${BENCH_MICRO_RUNS:-5}" --agg-rows "${BENCH_AGG_ROWS:-50000000}" \
        --rss-rows "${BENCH_RSS_ROWS:-10000000}" --rss-tool "${RSS_TOOL:-none}" || true
fi

# Protocol costs: a fresh server (no tables), then startup and idle memory.
if [ "${BENCH_PROTO:-1}" != 0 ]; then
    "$EMBER" serve --port 0 --threads "$THREADS" 2>"$WORK/serve.log" &
    SERVER=$!
    i=0
    until grep -q "listening on" "$WORK/serve.log" 2>/dev/null; do
        i=$((i + 1)); [ $i -lt 300 ] || { echo "bench: ember serve did not start" >&2; exit 1; }
        sleep 0.1
    done
    URL="sc://$(sed -n 's/.*listening on \([^ ]*\).*/\1/p' "$WORK/serve.log" | head -1)"
    "$EB" proto --url "$URL" --rows "${BENCH_PROTO_ROWS:-100000000}" --iters 1000 \
        >"$WORK/proto.jsonl" || true
    kill "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    "$EB" startup --ember "$EMBER" --runs 5 --threads "$THREADS" >>"$WORK/proto.jsonl" || true
fi

# The report: markdown + SVG under bench/results, the table on stdout.
node "$ROOT/bench/js/report.mjs" --tpch "$WORK/tpch.json" --proto "$WORK/proto.jsonl" \
    --micro "$WORK/micro.json" \
    --sf "$SF" --codec "$CODEC" --threads "$THREADS" --manifest "$TBL/manifest.txt" \
    --results "$ROOT/bench/results" --readme "$ROOT/bench/README.md"
