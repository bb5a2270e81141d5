#!/usr/bin/python3
"""mark_skips.py: puts `skipif ember` and a comment naming the Ember bug in front of every
record that an ember-slt run (its output on stdin) reports as failing. Used once on the first
drafts of the function files; every reason is a known Ember gap, and a fixed bug means
deleting its two lines (the ratchet: skips only shrink).

usage: ember-slt FILES... | mark_skips.py [REASON-OVERRIDES.tsv]
REASON-OVERRIDES: lines `file:line<TAB>reason` for failures the generic rules do not name."""
import re
import sys
from collections import defaultdict


def reason_of(msg):
    m = re.search(r"UNRESOLVED_ROUTINE.*?routine `([^`]+)`", msg)
    if m:
        return "function %s is not implemented (UNRESOLVED_ROUTINE)" % m.group(1).lower()
    m = re.search(r"not supported: (.*?) is not implemented by Ember", msg)
    if m:
        return "%s is not implemented (UNSUPPORTED_FEATURE.NOT_IMPLEMENTED)" % m.group(1)
    # Otherwise the failure itself, without the message boilerplate.
    msg = re.sub(r" SQLSTATE: \w+", "", msg)
    msg = re.sub(r"\[[A-Z_.]+\] ", "", msg)
    msg = re.sub(r" on search path \[.*?\]\]?", "", msg)
    msg = re.sub(r"Did you mean one of the following\? \[.*?\]\.?", "", msg)
    return msg.strip()[:160]


def main():
    overrides = {}
    if len(sys.argv) > 1:
        for line in open(sys.argv[1]):
            if "\t" in line:
                k, v = line.rstrip("\n").split("\t", 1)
                overrides[k] = v
    marks = defaultdict(dict)
    for line in sys.stdin:
        m = re.match(r"^(\S+):(\d+): FAIL (.*)$", line.rstrip("\n"))
        if not m:
            continue
        key = "%s:%s" % (m.group(1), m.group(2))
        reason = overrides.get(key) or reason_of(m.group(3))
        if not reason:
            sys.exit("no reason known for %s: %s" % (key, m.group(3)))
        marks[m.group(1)][int(m.group(2))] = reason
    for path, lines in marks.items():
        text = open(path).read().split("\n")
        for ln in sorted(lines, reverse=True):
            text[ln - 1:ln - 1] = ["skipif ember", "# ember: " + lines[ln]]
        open(path, "w").write("\n".join(text))


if __name__ == "__main__":
    main()
