#!/bin/sh
# duckdb_interop.sh IOW_INTEROP CHECK_MJS BENCH_JS: Ember writes Parquet / CSV / JSON that DuckDB
# reads back with identical rows, and DuckDB writes CSV / JSON that Ember reads back with
# identical rows. Skips (77) when node or @duckdb/node-api (bench/js, scripts/install-deps.sh)
# is missing.
set -e
IOW=$1 CHECK=$2 BENCH_JS=$3
command -v node >/dev/null 2>&1 || { echo "node not found: skipped"; exit 77; }
[ -d "$BENCH_JS/node_modules/@duckdb/node-api" ] || { echo "@duckdb/node-api not installed: skipped"; exit 77; }
DIR=$(mktemp -d /tmp/ember-iow-duck-XXXXXX)
trap 'rm -rf "$DIR"' EXIT
"$IOW" write "$DIR"
node "$CHECK" check "$DIR" "$BENCH_JS"
node "$CHECK" write "$DIR" "$BENCH_JS"
"$IOW" read "$DIR"
