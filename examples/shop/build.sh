#!/bin/sh
# Rebuilds shop.wasm from shop.c and shop.wit (CI does not: it uses the shop.wasm checked in).
# Needs the Debian toolchain for WebAssembly and wasi-libc:
#   apt-get update && apt-get install -y clang lld wasi-libc libclang-rt-dev-wasm32
# and `npm install` (componentEmbed/componentNew from @bytecodealliance/jco-transpile; the
# preview1 reactor adapter comes from `npm pack @bytecodealliance/jco`, see scripts/componentize.mjs).
set -eu
cd "$(dirname "$0")"
clang --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--strip-debug shop.c -o shop.core.wasm
node ../../scripts/componentize.mjs shop.core.wasm --adapter reactor --wit shop.wit --world shop -o shop.wasm
rm shop.core.wasm
