#!/bin/sh
# Rebuilds wc.wasm from wc.c (CI does not: it runs the wc.wasm checked in).
# Needs the Debian toolchain for WebAssembly and wasi-libc:
#   apt-get update && apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32
# and `npm install` (for @bytecodealliance/jco-transpile; the preview1 command adapter
# comes from `npm pack @bytecodealliance/jco`, see scripts/componentize.mjs).
set -eu
cd "$(dirname "$0")"
clang --target=wasm32-wasi -O2 -Wl,--strip-debug wc.c -o wc.core.wasm
node ../../scripts/componentize.mjs wc.core.wasm --adapter command -o wc.wasm
rm wc.core.wasm
