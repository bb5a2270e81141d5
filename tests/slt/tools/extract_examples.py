#!/usr/bin/python3
"""extract_examples.py: turns the documented examples of Spark's built-in functions into
sqllogictest records (tests/slt/functions/<family>.test).

Facts only: every @ExpressionDescription in Spark's source carries `examples` -- the SQL
statements `> SELECT ...;` and their results as Spark prints them (HiveResult strings, one row a
line, tab-separated), which Spark's own ExpressionInfoSuite ("check outputs of expression
examples") executes and compares. The function names come from FunctionRegistry.scala
(`_FUNC_` stands for each registered name). Examples of the classes that suite ignores
(current time, random values, reflection, errors) are left out here too.

usage: extract_examples.py SPARK_GIT_DIR OUT_DIR
Writes OUT_DIR/<family>.examples.txt -- an intermediate listing -- or, with --emit, the records
to stdout for the chosen family. The committed .test files are edited by hand afterwards
(skips with reasons, extra edge cases), so this script is a starting point, not a generator
that overwrites them.
"""
import re
import subprocess
import sys
from collections import defaultdict

# ExpressionInfoSuite's ignore set (check outputs of expression examples).
IGNORED = {
    "UnixTimestamp", "CurrentDate", "CurDateExpressionBuilder", "CurrentTimestamp",
    "CurrentTimeZone", "Now", "LocalTimestamp", "CurrentTime", "Rand", "Randn", "Shuffle",
    "Uuid", "MonotonicallyIncreasingID", "SparkPartitionID", "InputFileName",
    "InputFileBlockStart", "InputFileBlockLength", "CallMethodViaReflection", "TryReflect",
    "SparkVersion", "RaiseErrorExpressionBuilder", "AssertTrue", "FromAvro", "ToAvro",
    "SchemaOfAvro", "FromProtobuf", "ToProtobuf", "CurrentUser", "AesEncrypt",
}

REGISTRY = ("sql/catalyst/src/main/scala/org/apache/spark/sql/catalyst/analysis/"
            "FunctionRegistry.scala")


def git(repo, *args):
    return subprocess.run(["git", "-C", repo] + list(args), check=True,
                          capture_output=True, text=True).stdout


def registry_names(repo):
    """class name -> registered function names (in registry order)."""
    text = git(repo, "show", "HEAD:" + REGISTRY)
    names = defaultdict(list)
    for m in re.finditer(r'\b(?:expression|generator)\[(\w+)\]\("([^"]+)"', text):
        names[m.group(1)].append(m.group(2))
    for m in re.finditer(
            r'\b(?:expressionBuilder|generatorBuilder|expressionGeneratorBuilderOuter)'
            r'\(\s*"([^"]+)",\s*(\w+)', text):
        names[m.group(2)].append(m.group(1))
    # Registered outside the plain forms: CaseWhen.registryEntry ("when"), and the internal
    # registrations behind the TIMESTAMPADD / TIMESTAMPDIFF syntax.
    for cls, name in (("CaseWhen", "when"), ("TimestampAdd", "timestampadd"),
                      ("TimestampDiff", "timestampdiff")):
        if name not in names[cls]:
            names[cls].append(name)
    return names


def descriptions(repo):
    """(file, class, group, examples text) of every @ExpressionDescription."""
    files = git(repo, "grep", "-l", "@ExpressionDescription", "HEAD", "--",
                "sql/catalyst/src/main", "sql/core/src/main").split()
    out = []
    for f in files:
        path = f.split(":", 1)[1]
        text = git(repo, "show", "HEAD:" + path)
        for m in re.finditer(r"@ExpressionDescription\(", text):
            rest = text[m.end():]
            cls = re.search(r"\n\s*(?:private\[\w+\]\s+)?(?:case\s+class|class|object)\s+(\w+)",
                            rest)
            if not cls:
                continue
            body = rest[:cls.start()]
            ex = re.search(r'examples\s*=\s*"""(.*?)"""', body, re.S)
            grp = re.search(r'group\s*=\s*"(\w+)"', body)
            if ex:
                out.append((path, cls.group(1), grp.group(1) if grp else "misc_funcs",
                            ex.group(1)))
    return out


def unindent_trim(s):
    return re.sub(r"\n\s+", "\n", s).strip()


def examples(text):
    """(sql, [expected lines]) as ExpressionInfoSuite splits them."""
    res = []
    for part in text.split("  > "):
        m = re.match(r"^(.+);\n(.+)$", part, re.S)
        if not m or "\n" in m.group(1):
            # The suite's regex takes the SQL from one line only.
            m2 = re.match(r"^([^\n]+);\n(.+)$", part, re.S)
            if not m2:
                continue
            m = m2
        sql, output = m.group(1), m.group(2)
        expected = unindent_trim(output)
        res.append((sql.strip(), expected.split("\n") if expected else []))
    return res


def main():
    repo = sys.argv[1]
    names = registry_names(repo)
    by_group = defaultdict(list)
    for path, cls, group, text in descriptions(repo):
        if cls in IGNORED:
            continue
        for name in names.get(cls, []):
            for sql, rows in examples(text):
                by_group[group].append((name, cls, path.rsplit("/", 1)[1],
                                        sql.replace("_FUNC_", name), rows))
    for group in sorted(by_group):
        for name, cls, fname, sql, rows in by_group[group]:
            print("\t".join([group, name, cls, fname, sql, "\x1f".join(rows)]))


if __name__ == "__main__":
    main()
