#!/usr/bin/env bash
# Installs what burnrate needs and is missing; installs nothing that is already
# there at the pinned version (scripts/versions.env). Usage: setup.sh [build|test]
#   build: wasm32 target, trunk, wasm-bindgen-cli, npm packages (wasm-opt)
#   test:  build + Debian's chromium and chromium-driver
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=versions.env
source scripts/versions.env
what=${1:-build}

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# The pins must agree with the files the build actually reads.
lock_wbg=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ "$lock_wbg" != "$WASM_BINDGEN_VERSION" ]; then
  echo "Cargo.lock has wasm-bindgen $lock_wbg but scripts/versions.env pins $WASM_BINDGEN_VERSION" >&2
  exit 1
fi
for pkg in "binaryen:$BINARYEN_VERSION" "@playwright/test:$PLAYWRIGHT_VERSION" "@axe-core/playwright:$AXE_VERSION"; do
  if ! grep -q "\"${pkg%%:*}\": \"${pkg##*:}\"" package.json; then
    echo "package.json does not pin ${pkg%%:*} at ${pkg##*:} (scripts/versions.env)" >&2
    exit 1
  fi
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (a few minutes on a fresh machine)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: one of its locked dependency versions is gone from crates.io.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm packages: reinstall only when package-lock.json changed since the last install.
stamp=node_modules/.burnrate-lock-hash
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
fi

if [ "$what" = test ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  say "installing Debian's chromium and chromium-driver"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi
