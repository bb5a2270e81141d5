#!/usr/bin/python3
"""write_tests.py: turns the listing of extract_examples.py (stdin) into first drafts of
tests/slt/functions/<family>.test (OUT_DIR). Each record cites "Spark docs: <name> examples".
The drafts are then edited by hand (skips with the bug they show, edge cases); do not rerun
this over edited files."""
import os
import re
import sys
from collections import defaultdict

REGEX = {"regexp", "regexp_like", "regexp_replace", "regexp_extract", "regexp_extract_all",
         "regexp_count", "regexp_instr", "regexp_substr", "rlike", "like", "ilike"}
FAMILY = {
    "agg_funcs": "aggregate", "array_funcs": "array", "bitwise_funcs": "bitwise",
    "collection_funcs": "collection", "conditional_funcs": "conditional",
    "conversion_funcs": "cast", "csv_funcs": "csv", "datetime_funcs": "datetime",
    "generator_funcs": "generator", "hash_funcs": "hash", "json_funcs": "json",
    "lambda_funcs": "higher_order", "map_funcs": "map", "math_funcs": "math",
    "misc_funcs": "misc", "predicate_funcs": "predicate", "st_funcs": "geospatial",
    "string_funcs": "string", "struct_funcs": "struct", "url_funcs": "url",
    "variant_funcs": "variant", "window_funcs": "window", "xml_funcs": "xml",
}


def main():
    out_dir = sys.argv[1]
    recs = defaultdict(list)
    for line in sys.stdin:
        group, name, cls, fname, sql, rows = line.rstrip("\n").split("\t", 5)
        rows = rows.split("\x1f") if rows else []
        fam = "regex" if name in REGEX else FAMILY.get(group, "misc")
        recs[fam].append((name, cls, fname, sql, rows))
    for fam, items in sorted(recs.items()):
        items.sort(key=lambda it: it[0])
        with open(os.path.join(out_dir, fam + ".test"), "w") as f:
            f.write("# %s functions: the documented examples of Spark's built-in functions\n"
                    "# (ExpressionDescription `examples`, executed and checked by Spark's\n"
                    "# ExpressionInfoSuite), then edge cases. Each record cites its source.\n"
                    % fam)
            last = None
            for name, cls, fname, sql, rows in items:
                f.write("\n")
                if name != last:
                    f.write("# Spark docs: %s examples (%s, %s)\n" % (name, cls, fname))
                    last = name
                if not rows:
                    f.write("statement ok\n%s\n" % sql)
                    continue
                n_cols = rows[0].count("\t") + 1
                # Grouped results without ORDER BY come in no defined order.
                sort = (" rowsort" if len(rows) > 1 and re.search(r"group by", sql, re.I)
                        and not re.search(r"order by", sql, re.I) else "")
                f.write("query %d%s\n%s\n----\n" % (n_cols, sort, sql))
                for r in rows:
                    f.write((r if r != "" else "(empty)") + "\n")


if __name__ == "__main__":
    main()
