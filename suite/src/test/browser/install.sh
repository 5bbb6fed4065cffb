#!/usr/bin/env bash
# Installs what the browser tests drive: Debian's Chromium (never a downloaded browser), and
# playwright-core and axe-core from the npm registry, pinned by package-lock.json, into the given directory.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:?usage: install.sh TARGET_DIR}"

if ! [ -x /usr/bin/chromium ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y --no-install-recommends chromium \
    || { $sudo apt-get update && $sudo apt-get install -y --no-install-recommends chromium; }
fi

mkdir -p "$target"
cp "$here/package.json" "$here/package-lock.json" "$here"/*.mjs "$target/"
if ! [ -d "$target/node_modules/playwright-core" ] || ! [ -d "$target/node_modules/axe-core" ]; then
  (cd "$target" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund)
fi
