#!/usr/bin/python3
"""golden_to_slt.py: copies the self-contained queries of Spark's SQL golden files (facts:
Spark's own results, ../shared/conformance/spark-sql-tests) into sqllogictest records, each
citing `<file>#<query number>`: queries with no FROM or only FROM VALUES, their rows (type
letters from the golden schema) or their error class. Files under nonansi/ run with
spark.sql.ansi.enabled=false, the others with it true, as SQLQueryTestSuite runs them;
files with --SET or --CONFIG_DIM directives are not taken.

usage: golden_to_slt.py ROOT OUT.test TITLE INPUT.sql...   (INPUT relative to ROOT/inputs)"""
import json
import re
import sys


def blocks(text):
    parts = re.split(r"-- !query[^\n]*\n", text)[1:]
    for idx in range(0, len(parts) - 2, 3):
        yield parts[idx].strip(), parts[idx + 1].strip(), parts[idx + 2].rstrip()


def top_fields(schema):
    """Top-level types of struct<...> or None."""
    if not schema.startswith("struct<") or not schema.endswith(">"):
        return None
    body = schema[7:-1]
    if not body:
        return []
    pieces, depth, start = [], 0, 0
    for pos, ch in enumerate(body):
        if ch in "<(":
            depth += 1
        elif ch in ">)":
            depth -= 1
        elif ch == "," and depth == 0:
            pieces.append(body[start:pos])
            start = pos + 1
    pieces.append(body[start:])
    types = []
    for p in pieces:
        depth, cut = 0, -1
        for pos, ch in enumerate(p):
            if ch in "<(":
                depth += 1
            elif ch in ">)":
                depth -= 1
            elif ch == ":" and depth == 0:
                cut = pos
        if cut < 0:
            return None
        types.append(p[cut + 1:].strip())
    return types


def letter(t):
    if t in ("tinyint", "smallint", "int", "bigint"):
        return "I"
    if t in ("float", "double") or t.startswith("decimal"):
        return "R"
    if t == "string" or t.startswith("char(") or t.startswith("varchar("):
        return "T"
    if t == "boolean":
        return "B"
    if t in ("date", "timestamp", "timestamp_ntz"):
        return "D"
    return "?"


def strip_strings(sql):
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`", "''", sql)


def self_contained(sql, views):
    """A query over nothing, VALUES, or the temporary views the file created (`views`)."""
    s = strip_strings(sql)
    if not re.match(r"^\s*\(?\s*(SELECT|VALUES|WITH|FROM|TABLE)\b", s, re.I):
        return False
    ctes = {m.group(1).lower() for m in re.finditer(r"\b(\w+)\s+AS\s*\(", s, re.I)}
    for m in re.finditer(r"\b(?:FROM|JOIN|TABLE)\b\s*(\(?\s*\w+)", s, re.I):
        word = m.group(1).lstrip("( \t\n").lower()
        if word in ("values", "select", "lateral", "explode", "range", "inline", "stack") or \
                word in views or word in ctes:
            continue
        return False
    return not re.search(r"\b(current_\w+|now|rand|randn|uuid|shuffle|input_file_name)\b",
                         s, re.I)


VIEW_RE = re.compile(r"^\s*CREATE\s+(?:OR\s+REPLACE\s+)?TEMP(?:ORARY)?\s+VIEW\s+"
                     r"(?:IF\s+NOT\s+EXISTS\s+)?`?(\w+)`?", re.I)


def main():
    root, out, title = sys.argv[1:4]
    with open(out, "w") as f:
        f.write("# %s\n# Copied from Spark's SQL golden files (%s/results): each record cites\n"
                "# <file>#<query number> (1-based, in the golden file's order).\n"
                % (title, "spark-sql-tests"))
        for rel in sys.argv[4:]:
            src = open("%s/inputs/%s" % (root, rel)).read()
            if re.search(r"^--(SET|CONFIG_DIM|IMPORT)", src, re.M):
                continue
            golden = open("%s/results/%s.out" % (root, rel)).read()
            f.write("\n# ---- %s\n" % rel)
            f.write("set spark.sql.ansi.enabled %s\n"
                    % ("false" if rel.startswith("nonansi/") else "true"))
            set_keys = []
            views = set()
            for num, (sql, schema, output) in enumerate(blocks(golden), 1):
                m = VIEW_RE.match(sql)
                if m and self_contained(re.sub(r"^.*?\bAS\b", "", strip_strings(sql), 1,
                                               re.I | re.S).strip(), views) and \
                        not output.strip() and "\n\n" not in sql:
                    f.write("\n# %s#%d\nstatement ok\n%s\n" % (rel, num, sql))
                    views.add(m.group(1).lower())
                    continue
                m = re.match(r"^set\s+([\w.]+)\s*=", sql, re.I)
                if m:
                    # Session confs the file changes for the queries after them.
                    f.write("\n# %s#%d\nstatement ok\n%s\n" % (rel, num, sql))
                    set_keys.append(m.group(1))
                    continue
                if not self_contained(sql, views) or "\n\n" in sql:
                    continue
                f.write("\n# %s#%d\n" % (rel, num))
                if schema == "struct<>" and output.lstrip().startswith("org.apache") or \
                        output.startswith("java."):
                    body = output.split("\n", 1)
                    cls = None
                    if len(body) > 1 and body[1].lstrip().startswith("{"):
                        try:
                            cls = json.loads(body[1]).get("errorClass")
                        except ValueError:
                            cls = None
                    if not cls:
                        f.write("# (Spark's error has no error class; any error)\n")
                    f.write("query error%s\n%s\n\n" % (" " + cls if cls else "", sql))
                    continue
                types = top_fields(schema)
                rows = output.split("\n") if output != "" else []
                if output == "" and not re.search(r"\b(FROM|WHERE|HAVING|explode|explode_outer|"
                                                  r"posexplode|inline|stack|json_tuple)\b",
                                                  strip_strings(sql), re.I):
                    # One row always; the golden file cannot show one empty string.
                    rows = [""]
                if types is None:
                    head = "query %d" % (rows[0].count("\t") + 1 if rows else 1)
                else:
                    head = "query " + ("".join(letter(t) for t in types) or "0")
                # Spark's suite keeps the order only under a top-level ORDER BY.
                flat = strip_strings(sql)
                while re.search(r"\([^()]*\)", flat):
                    flat = re.sub(r"\([^()]*\)", "", flat)
                ordered = re.search(r"\border\s+by\b", flat, re.I)
                if len(rows) > 1 and not ordered:
                    head += " rowsort"
                f.write("%s\n%s\n----\n" % (head, sql))
                for r in rows:
                    f.write((r if r != "" else "(empty)") + "\n")
            for view in sorted(views):
                # Each golden file runs in a session of its own in Spark's suite.
                f.write("\nstatement ok\nDROP VIEW IF EXISTS %s\n" % view)
            for key in sorted(set(set_keys)):
                f.write("\nstatement ok\nRESET %s\n" % key)


if __name__ == "__main__":
    main()
