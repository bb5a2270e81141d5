#!/bin/sh
# Checks `ember serve` from the outside: --help, bad options, the ready line on stderr,
# refusing a taken port, and a clean exit 0 on SIGTERM (architecture §5).
set -u
EMBER="$1"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }

"$EMBER" serve --help > "$TMP/help" 2>&1 && grep -q -- "--warehouse DIR" "$TMP/help" && ok || bad "--help"
"$EMBER" serve --port nope > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "bad --port exits 2"
"$EMBER" serve --bogus > /dev/null 2>&1; [ $? -eq 2 ] && ok || bad "unknown option exits 2"

# Start on a free port; wait for the ready line.
"$EMBER" serve --port 0 --warehouse "$TMP/wh" 2> "$TMP/err" &
PID=$!
i=0
while [ $i -lt 300 ] && ! grep -q "ember: listening on 127.0.0.1:" "$TMP/err"; do
    sleep 0.1
    i=$((i + 1))
done
if grep -q "ember: listening on 127.0.0.1:" "$TMP/err"; then ok; else bad "ready line"; cat "$TMP/err"; fi
PORT=$(sed -n 's/.*ember: listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$TMP/err" | head -1)
[ -d "$TMP/wh" ] && ok || bad "warehouse created"

# A second server on the same port must fail (no SO_REUSEPORT sharing).
if [ -n "$PORT" ]; then
    "$EMBER" serve --port "$PORT" --warehouse "$TMP/wh2" > /dev/null 2>&1 &
    PID2=$!
    sleep 2
    if kill -0 $PID2 2>/dev/null; then
        bad "second server on a taken port kept running"
        kill -9 $PID2 2>/dev/null
    else
        wait $PID2
        [ $? -ne 0 ] && ok || bad "second server exit code"
    fi
fi

kill -TERM $PID
i=0
while [ $i -lt 100 ] && kill -0 $PID 2>/dev/null; do
    sleep 0.1
    i=$((i + 1))
done
if kill -0 $PID 2>/dev/null; then
    bad "did not exit within 10 s of SIGTERM"
    kill -9 $PID
else
    wait $PID
    rc=$?
    [ $rc -eq 0 ] && ok || bad "exit code after SIGTERM was $rc"
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
