/**
 * A fake core instance for runtime and glue tests: a WebAssembly.Memory, its
 * MemView, and a recording bump `realloc` (the same algorithm as the
 * definitions.py oracle runs used: align the top, bump, copy on growth).
 */
import * as memory from '../../runtime/memory.js';

export interface Core {
  memory: WebAssembly.Memory;
  mv: memory.MemView;
  reallocCalls: [number, number, number, number][];
  postReturnCalls: unknown[][];
  realloc: memory.Realloc;
  /** make realloc misbehave */
  reallocMode: 'ok' | 'misaligned' | 'oob';
  /** bump pointer */
  top: number;
}

export function makeCore(pages = 1): Core {
  const mem = new WebAssembly.Memory({ initial: pages, maximum: 100 });
  const core: Core = {
    memory: mem,
    mv: memory.memView(mem),
    reallocCalls: [],
    postReturnCalls: [],
    reallocMode: 'ok',
    top: 64,
    realloc(old, oldSize, align, size) {
      core.reallocCalls.push([old, oldSize, align, size]);
      if (core.reallocMode === 'misaligned') return 1 + (align > 1 ? 0 : 1) + core.top;
      if (core.reallocMode === 'oob') return mem.buffer.byteLength - 1 & ~(align - 1);
      let p = Math.ceil(core.top / align) * align;
      if (p + size > mem.buffer.byteLength) {
        mem.grow(Math.ceil((p + size - mem.buffer.byteLength) / 65536));
      }
      core.top = p + size;
      if (old !== 0) new Uint8Array(mem.buffer).copyWithin(p, old, old + Math.min(oldSize, size));
      return p;
    },
  };
  return core;
}

