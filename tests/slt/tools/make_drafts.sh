#!/bin/sh
# make_drafts.sh OUT_DIR: the first drafts of tests/slt/functions/*.test, from Spark's
# documented examples (extract_examples.py | write_tests.py) and from the self-contained
# queries of Spark's SQL golden files (golden_to_slt.py). The committed files were made this
# way, then run with ember-slt and marked (mark_skips.py) and edited by hand; do not copy
# drafts over them -- compare instead.
set -e
OUT=$1
SPARK=${SPARK_GIT:-/work/.mirror/susheel-aroskar+debug-improvement/repo}
GOLD=${SPARK_SQL_TESTS:-/work/shared/conformance/spark-sql-tests}
HERE=$(dirname "$0")
PY=/usr/bin/python3
mkdir -p "$OUT"
$PY "$HERE/extract_examples.py" "$SPARK" | $PY "$HERE/write_tests.py" "$OUT"
G="$PY $HERE/golden_to_slt.py $GOLD"
$G "$OUT/edge_arith.test" \
  "Arithmetic and math edge cases: overflow, division by zero, nulls, decimals (ANSI on and off)" \
  operators.sql math.sql try_arithmetic.sql decimalArithmeticOperations.sql nonansi/math.sql \
  nonansi/try_arithmetic.sql nonansi/decimalArithmeticOperations.sql
$G "$OUT/edge_cast.test" "Cast edge cases: invalid input, overflow, nulls (ANSI on and off)" \
  cast.sql nonansi/cast.sql
$G "$OUT/edge_collection.test" \
  "Array and map edge cases: invalid indexes, nulls, higher-order functions (ANSI on and off)" \
  array.sql map.sql try_element_at.sql higher-order-functions.sql nonansi/array.sql \
  nonansi/map.sql nonansi/try_element_at.sql nonansi/higher-order-functions.sql
$G "$OUT/edge_string.test" \
  "String, predicate and conditional edge cases: nulls, invalid arguments (ANSI on and off)" \
  string-functions.sql predicate-functions.sql conditional-functions.sql null-handling.sql \
  nonansi/string-functions.sql nonansi/conditional-functions.sql
$G "$OUT/edge_datetime.test" \
  "Date, timestamp and interval edge cases: invalid fields, overflow, nulls (ANSI on and off)" \
  date.sql timestamp.sql interval.sql try_datetime_functions.sql nonansi/date.sql \
  nonansi/timestamp.sql nonansi/interval.sql nonansi/try_datetime_functions.sql
# Operators: the golden files' queries over VALUES and the temporary views they create.
mkdir -p "$OUT/operators"
$G "$OUT/operators/filter_project.test" "Filter and project: WHERE, SELECT lists, nulls" \
  null-propagation.sql selectExcept.sql
$G "$OUT/operators/aggregate.test" \
  "Aggregate: GROUP BY, grouping sets, rollup, cube, FILTER, DISTINCT aggregates, HAVING" \
  group-analytics.sql group-by-filter.sql group-by-ordinal.sql group-by-alias.sql \
  group-by-all.sql having.sql try_aggregates.sql
$G "$OUT/operators/pivot_unpivot.test" "PIVOT and UNPIVOT" pivot.sql unpivot.sql
$G "$OUT/operators/join.test" \
  "Joins: inner, outer, semi, anti, cross, natural, USING, null-safe, non-equi, lateral" \
  outer-join.sql natural-join.sql using-join.sql cross-join.sql join-empty-relation.sql \
  join-lateral.sql
$G "$OUT/operators/sort.test" "Sort: ORDER BY, NULLS FIRST/LAST, ordinals, aliases" \
  order-by-nulls-ordering.sql order-by.sql order-by-ordinal.sql order-by-all.sql \
  order-by-alias.sql
$G "$OUT/operators/limit.test" "LIMIT and OFFSET" limit.sql
$G "$OUT/operators/window.test" "Window functions and frames" window.sql \
  window-with-aggregates.sql
$G "$OUT/operators/setops.test" "Set operations: UNION, INTERSECT, EXCEPT (ALL and DISTINCT)" \
  except.sql intersect-all.sql union-resolution-edge-cases.sql
$G "$OUT/operators/generator.test" "Generators: explode, posexplode, inline, stack, LATERAL VIEW" \
  generators.sql
$G "$OUT/edge_misc.test" "Misc functions: assert_true, raise_error, typeof and friends" \
  misc-functions.sql
