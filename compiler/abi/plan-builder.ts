/**
 * The mutable state of planning one function: Var numbering, the block being
 * filled, the current memory view, and memoized reads of host values.
 */
import type { AbiOptions, CaseBlock, Instr, MemKind, PlanUses, Side, Var } from './instructions.js';
import { LIMITS } from '../binary/opcodes.js';

/** Ops after which a memory view may be stale (they may run wasm, which may grow memory). */
const INVALIDATING = new Set<Instr['op']>([
  'call-core', 'post-return', 'call-host', 'alloc', 'lower-string', 'lower-numbers', 'lower-handle', 'enter', 'exit',
  'copy-string', 'copy-list', 'move-handle',
]);

/** Views are tracked per memory: `''` is a plan's only memory, else the side of a fused plan. */
type ViewKey = Side | '';
type Views = ReadonlyMap<ViewKey, Var>;

/** Host reads that are memoized at the top level, so phase 2 reuses what phase 1 read. */
const MEMOIZED = new Set<Instr['op']>(['field', 'host-list', 'char-code', 'enum-index', 'flags-bits', 'length']);

export class PlanBuilder {
  private next = 0;
  private block: Instr[] = [];
  private depth = 0;
  private views = new Map<ViewKey, Var>();
  private invalidated = false;
  private readonly memo = new Map<string, Var>();
  /** while planning a loop body first time round: views it fetched, to be hoisted before the loop */
  private hoisted: Instr[] | null = null;
  readonly uses: PlanUses = { memory: false, realloc: false, strings: false, handles: false };

  constructor(readonly opts: AbiOptions) {}

  /** Pointer-sized memory accesses: u32, or u64 for memory64. */
  get ptrKind(): MemKind {
    return this.opts.ptrType === 'i32' ? 'u32' : 'u64';
  }

  /**
   * A pointer or length as the core side holds it (`ptrType`: an i32, or an
   * i64 bigint for memory64) → a JS number address for the memory ops.
   */
  addr(v: Var): Var {
    const conv = this.opts.ptrType === 'i32' ? 'u32' : 'addr64';
    return this.def((dst) => ({ op: 'conv', dst, src: v, conv }));
  }

  /** `addr` of a pointer or length loaded from memory (an i32 one is loaded unsigned already). */
  loadedAddr(v: Var): Var {
    return this.opts.ptrType === 'i32' ? v : this.addr(v);
  }

  /** A JS number address or length → the core side's `ptrType` value (unchanged for i32). */
  coreAddr(v: Var): Var {
    if (this.opts.ptrType === 'i32') return v;
    return this.def((dst) => ({ op: 'conv', dst, src: v, conv: 'to-addr64' }));
  }

  /** A string's length (tagged code units) as the core side holds it → the runtime's number form. */
  stringLen(v: Var, loaded = false): Var {
    if (this.opts.ptrType === 'i32' && loaded) return v;
    if (this.opts.ptrType === 'i32' || this.opts.stringEncoding !== 'latin1+utf16') return this.addr(v);
    return this.def((dst) => ({ op: 'conv', dst, src: v, conv: 'tagged64' }));
  }

  /** The runtime's string length → the core side's form (memory64: the UTF-16 tag moves to bit 63). */
  coreStringLen(v: Var): Var {
    if (this.opts.ptrType === 'i32' || this.opts.stringEncoding !== 'latin1+utf16') return this.coreAddr(v);
    return this.def((dst) => ({ op: 'conv', dst, src: v, conv: 'to-tagged64' }));
  }

  get maxFlatParams(): number {
    return this.opts.async ? LIMITS.MAX_FLAT_ASYNC_PARAMS : LIMITS.MAX_FLAT_PARAMS;
  }

  newVar(): Var {
    return this.next++;
  }

  get varCount(): number {
    return this.next;
  }

  /** Appends an instruction; tracks view validity and memory/realloc use. */
  emit(i: Instr): void {
    this.block.push(i);
    if (INVALIDATING.has(i.op)) {
      // any call into wasm may grow any memory
      this.views = new Map();
      this.invalidated = true;
    }
    switch (i.op) {
      case 'alloc':
        this.uses.realloc = this.uses.memory = true;
        break;
      case 'lower-string':
        this.uses.strings = this.uses.realloc = this.uses.memory = true;
        break;
      case 'lower-numbers':
        this.uses.realloc = this.uses.memory = true;
        break;
      case 'view':
        this.uses.memory = true;
        break;
      case 'lift-string':
        this.uses.memory = this.uses.strings = true;
        break;
      case 'lift-numbers':
        this.uses.memory = true;
        break;
      case 'copy-string':
        this.uses.strings = this.uses.realloc = this.uses.memory = true;
        break;
      case 'copy-list':
        this.uses.realloc = this.uses.memory = true;
        break;
      case 'lift-handle': case 'lower-handle': case 'move-handle':
        this.uses.handles = true;
        break;
    }
  }

  /** Emits an op defining one new Var; returns it. */
  def<I extends Instr & { dst: Var | null }>(make: (dst: Var) => I): Var {
    const dst = this.newVar();
    this.emit(make(dst));
    return dst;
  }

  /**
   * Emits a host read, reusing an earlier identical read at the top level
   * (phase 1 and phase 2 of a lowering read the same top-level values).
   */
  read(key: string, op: Instr['op'], make: (dst: Var) => Instr): Var {
    const topLevel = this.depth === 0 && MEMOIZED.has(op);
    const memoKey = `${op}:${key}`;
    if (topLevel) {
      const hit = this.memo.get(memoKey);
      if (hit !== undefined) return hit;
    }
    const dst = this.newVar();
    this.emit(make(dst));
    if (topLevel) this.memo.set(memoKey, dst);
    return dst;
  }

  constant(value: number | bigint | null): Var {
    return this.def((dst) => ({ op: 'const', dst, value }));
  }

  /**
   * A memory view valid at this point (emits `view` after anything that may
   * have grown memory); `mem` picks a side's memory in a fused plan.
   */
  currentView(mem?: Side): Var {
    const key: ViewKey = mem ?? '';
    let v = this.views.get(key);
    if (v === undefined) {
      const dst = this.newVar();
      const view: Instr = mem ? { op: 'view', dst, mem } : { op: 'view', dst };
      // in a loop body that has not (yet) called into wasm: fetched once, before the loop
      if (this.hoisted !== null && !this.invalidated) {
        this.hoisted.push(view);
        this.uses.memory = true;
      } else {
        this.emit(view);
      }
      v = dst;
      this.views.set(key, v);
    }
    return v;
  }

  /**
   * Builds a nested block. `repeats` marks a loop body: if the body may make
   * the view stale, it is rebuilt so that it fetches its own view each
   * iteration (`fill` must be repeatable: it only emits).
   */
  nested(fill: () => Var[], repeats = false): { body: Instr[]; yields: Var[] } {
    if (repeats) {
      // first try: the body keeps every view valid, so the views it needs are fetched before
      // the loop (emitted here, just ahead of the loop the caller emits next)
      const saved = this.hoisted;
      const hoisted: Instr[] = [];
      this.hoisted = hoisted;
      const first = this.nestedOnce(fill, this.views);
      this.hoisted = saved;
      if (!first.invalidated) {
        for (const view of hoisted) this.block.push(view);
        return first;
      }
    }
    return this.nestedOnce(fill, repeats ? new Map() : this.views);
  }

  private nestedOnce(fill: () => Var[], startViews: Views): { body: Instr[]; yields: Var[]; invalidated: boolean } {
    const saved = { block: this.block, views: this.views, invalidated: this.invalidated, hoisted: this.hoisted };
    this.block = [];
    this.depth++;
    this.invalidated = false;
    this.views = new Map(startViews);
    const yields = fill();
    const body = this.block;
    const inner = this.invalidated;
    this.depth--;
    this.block = saved.block;
    // a view fetched inside the block is out of scope after it
    this.views = inner ? new Map() : saved.views;
    this.invalidated = saved.invalidated || inner;
    return { body, yields, invalidated: inner };
  }

  caseBlock(index: number, payload: Var | null, fill: () => Var[]): CaseBlock {
    const { body, yields } = this.nested(fill);
    return { index, payload, body, yields };
  }

  /** The finished top-level block. */
  take(): Instr[] {
    return this.block;
  }
}
