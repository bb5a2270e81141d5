#!/bin/sh
# tests/tpch/run.sh: TPC-H at SF 0.01 on Ember and DuckDB in the same run (TPC-H acceptance of
# issue #4). Generates the data with the bench generator (tpch-gen, cached under WORK), converts
# it to Parquet with DuckDB, runs the 22 queries once on both engines through bench/js/bench.mjs
# (Ember: spark.read.parquet temp views, through Spark Connect) and checks the outcome against
# excluded.txt with check.mjs. Expected values are DuckDB's answers in the same run.
#
#   run.sh EMBER EMBER_BENCH TPCH_GEN WORK
# Exit 0: every query passes except the excluded ones, and no excluded one passes.
# Exit 77 (skipped): node, DuckDB (make deps) or the shared queries are missing, or the
# optimizer is off (EMBER_OPTIMIZER=0).
set -eu
[ $# -eq 4 ] || { echo "usage: run.sh EMBER EMBER_BENCH TPCH_GEN WORK" >&2; exit 2; }
EMBER=$1 EB=$2 GEN=$3 WORK=$4
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
QUERIES=${TPCH_QUERIES:-$ROOT/../shared/bench/queries/tpch}

command -v node >/dev/null 2>&1 || { echo "tpch: SKIP: node is not installed"; exit 77; }
[ -d "$ROOT/bench/js/node_modules/@duckdb/node-api" ] ||
    { echo "tpch: SKIP: DuckDB is missing (make deps)"; exit 77; }
[ -d "$QUERIES" ] || { echo "tpch: SKIP: no queries at $QUERIES"; exit 77; }
# The optimizer-off permutation of make test-all: without predicate pushdown the comma joins of
# TPC-H are cross products (q2 alone joins 5 tables), far past the per-query time limit.
if [ "${EMBER_OPTIMIZER:-1}" = 0 ]; then
    echo "tpch: SKIP: EMBER_OPTIMIZER=0 turns TPC-H's comma joins into cross products"
    exit 77
fi

TBL="$WORK/sf0.01/tbl"
PQ="$WORK/sf0.01/parquet"
if [ ! -f "$TBL/manifest.txt" ]; then
    rm -rf "$TBL" && mkdir -p "$TBL"
    "$GEN" --sf 0.01 --out "$TBL" --threads 2 >/dev/null
fi
if [ ! -f "$PQ/complete" ]; then
    rm -rf "$PQ"
    node "$ROOT/bench/js/convert.mjs" --tbl "$TBL" --out "$PQ" --codec snappy --threads 2
fi

OUT="$WORK/run"
rm -rf "$OUT" && mkdir -p "$OUT"
# One checked run per query (--runs 0). A query past 4 s is interrupted (TIMEOUT); a server that
# ignores the interrupt for 2 s more is killed (SERVER_KILLED) and a fresh one started.
node "$ROOT/bench/js/bench.mjs" --parquet "$PQ" --queries "$QUERIES" --runs 0 --threads 2 \
    --ember "$EMBER" --ember-bench "$EB" --work "$OUT" --out "$OUT/tpch.json" \
    --timeout "${TPCH_TIMEOUT:-4}" --kill-after 2 --max-rss-mib 4096
node "$HERE/check.mjs" --result "$OUT/tpch.json" --excluded "$HERE/excluded.txt"
