#!/bin/sh
# Installs everything Ember needs to build, test and benchmark: Debian packages (apt) and the
# npm packages of the test tools. Safe to run repeatedly; does nothing that is already done.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)

PKGS="build-essential cmake pkg-config clang clang-format libclang-rt-14-dev
libgrpc-dev libprotobuf-c-dev protobuf-c-compiler protobuf-compiler libprotobuf-dev
libzstd-dev zlib1g-dev libsnappy-dev liblz4-dev libbrotli-dev libpcre2-dev libicu-dev libedit-dev
libsqlite3-dev python3 python3-grpcio python3-protobuf openssl gnuplot-nox"
# Node.js and npm run the test tools (Arrow JS, DuckDB); a machine may already have them from
# elsewhere (then Debian's packages would conflict), so they come from apt only when missing.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    PKGS="$PKGS nodejs npm"
fi

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
if [ -n "$missing" ]; then
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
    echo "install-deps: installing$missing"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

# npm test tools (independent Arrow decoder, DuckDB peer): each folder with a package.json.
for dir in "$ROOT"/tests/*/js "$ROOT"/bench/js; do
    if [ -f "$dir/package.json" ] && [ ! -d "$dir/node_modules" ]; then
        echo "install-deps: npm ci in $dir"
        # npm ci when the lock file is complete; some registries omit other platforms'
        # optional packages from it, then install the locked versions with npm install.
        (cd "$dir" && { npm ci --no-audit --no-fund --loglevel=error 2>/dev/null ||
            npm install --no-save --no-audit --no-fund --loglevel=error; })
    fi
done
