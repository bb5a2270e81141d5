#!/bin/sh
# install_test.sh: ACCEPTANCE 3 — `cmake --install` (what `make install PREFIX=...` runs) puts
# ember.h, libember.so/.a and ember.pc under a prefix; a program outside the tree builds with
# `pkg-config --cflags --libs ember` and queries a running `ember serve`.
# Usage: install_test.sh BUILD_DIR EMBER_BINARY PROGRAM.c [EXTRA_CFLAGS]
#   EXTRA_CFLAGS: the sanitizer flags of a sanitized build (its libember needs their runtime).
# Exit 0 = pass, 1 = fail, 77 = skipped (no C compiler or pkg-config).
set -u
build=$1 ember=$2 prog=$3 extra=${4:-}
command -v pkg-config >/dev/null 2>&1 || { echo "install_test: no pkg-config; skipped"; exit 77; }
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || { echo "install_test: no C compiler; skipped"; exit 77; }
tmp=$(mktemp -d /tmp/ember-install-XXXXXX)
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "install_test: FAIL: $*"; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; fail "cmake --install"; }
for f in include/ember.h lib/libember.a lib/pkgconfig/ember.pc; do
    [ -f "$tmp/prefix/$f" ] || fail "$f not installed"
done
ls "$tmp/prefix"/lib/libember.so* >/dev/null 2>&1 || fail "libember.so not installed"
export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
flags=$(pkg-config --cflags --libs ember) || fail "pkg-config ember"
echo "pkg-config --cflags --libs ember: $flags"
# shellcheck disable=SC2086
"$cc" $extra -o "$tmp/prog" "$prog" $flags || fail "building $prog with pkg-config"

"$ember" serve --port 0 --warehouse "$tmp/wh" 2>"$tmp/serve.log" &
pid=$!
port=
for _ in $(seq 1 100); do
    port=$(sed -n 's/.*ember: listening on .*:\([0-9][0-9]*\).*/\1/p' "$tmp/serve.log" | head -n 1)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { echo "install_test: server did not start; skipped"; exit 77; }
LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/prog" "sc://127.0.0.1:$port" || fail "the installed program"
echo "install_test: ok"
