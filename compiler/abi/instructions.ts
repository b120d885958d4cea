/**
 * The ABI plan: a small, host-agnostic instruction list describing how the
 * values of one lifted or lowered function move between host values, flat
 * core values and linear memory. `plan.ts` builds it from a `FuncType` and the
 * canon options; the emitter maps each instruction to a few ESTree nodes.
 *
 * Shape: registers and structured blocks. Every value is a numbered `Var`,
 * defined once (`dst`) and read by later instructions. Control flow is nested
 * (`match`, `switch`, `loop`); a block hands values out through `yields`,
 * which the enclosing instruction binds to its `dsts` (a φ at the join).
 * There is no implicit stack, so the emitter can produce straight-line code
 * and inline single-use values.
 *
 * A plan for `canon lift` (an export: the host calls the core function):
 *   arg*  → [enter] → checks of every host value (phase 1: TypeErrors, no
 *   memory touched; a flat argument whose lowering is pure, `lowersPurely`,
 *   is lowered as it is checked) → lowering (phase 2: conv/alloc/store/lower-*) →
 *   call-core → view, check-ptr, load/conv/make-* (lifting) → post-return →
 *   [exit] → return | return-or-throw
 * A plan for `canon lower` (an import: core calls the host function):
 *   param* → [enter] → lifting of the core arguments → call-host → checks of
 *   the host result → lowering (flat, or stores through the out-pointer) →
 *   [exit] → return
 * A plan for a fused call (`fuse.ts`: a lowered import whose callee is the
 * lifted function of another component instance, value by value from one
 * linear memory to the other, no host values in between):
 *   param* → [enter] → each argument from the caller (flat, or the caller's
 *   spilled tuple) to the callee (flat, or a tuple allocated by the callee's
 *   realloc): conv/check-disc/mask/switch for scalars and cases, copy-string
 *   and copy-list/loops for what lives in memory → call-core (the callee's
 *   core function) → the result back the same way (the callee's memory →
 *   the caller's) → post-return (the callee's) → [exit] → return
 *
 * Instruction set (operands are Vars unless said otherwise):
 *   sources      arg i · param i (core flat param of type t) · const (number|bigint|null = no value)
 *   lifecycle    enter · exit (task/instance bookkeeping, hooks for the emitter)
 *   calls        call-core args → dst? · post-return args · call-host args → dst
 *                (with `disc`: a thrown ComponentError gives disc=1, dst=payload)
 *   exits        return src? · return-or-throw disc src? (result<T,E> of an export)
 *   memory       view mem? → dst (a memory view valid until the next call into wasm)
 *                load view ptr +offset kind → dst · store view ptr +offset kind src
 *                alloc mem? align size → dst (realloc(0,0,align,size), trapping on bad results)
 *                (`mem`: which side's memory in a fused plan; absent: the plan's only memory)
 *                check-ptr view ptr align size · check-list view ptr len elemSize align (traps)
 *                addr base? index scale → dst (base + index*scale)
 *   scalars      conv src → dst (see `Conv`) · check src is (TypeError with path)
 *   bulk         lift-string ptr len → dst · lower-string src → ptr, len
 *                lift-numbers ptr len elem → dst · lower-numbers src elem → ptr
 *   fused        copy-string from→to ptr len → outPtr, outLen (checks, transcodes, allocates
 *                with the destination's realloc) · copy-list from→to ptr len elemSize align → dst
 *                (bytes copied as they are) · check-disc src count → dst (traps unless src < count)
 *                mask src bits → dst (the low `bits` bits) · move-handle src to → dst (hook)
 *   host read    field src #i → dst (record field / tuple element) · length src → dst
 *                item src index → dst · host-list src → dst (indexable list; map entries)
 *                char-code src → dst · enum-index src → dst · flags-bits src → dst
 *                match src {case blocks} → dsts (variant/enum/option/result by case)
 *   host build   make-record fields → dst · make-case #i payload? → dst · make-flags bits → dst
 *                enum-name int → dst (traps on a bad discriminant) · make-char int → dst (traps)
 *                new-list len → dst · list-set list index src · map-set map key value
 *   control      switch on {case blocks} → dsts (trap on an unknown discriminant, unless
 *                `exhaustive`: the discriminant was made by the plan itself)
 *                loop count → index {body}
 *
 * Ops that take a `path` check the host value when the path is present and
 * throw a TypeError naming it (`arg 0 .items[3] .name`); with `path: null`
 * the value was checked in phase 1 and the op only converts.
 */
import type { ValType } from '../types/model.js';
import type { CoreFlatType, PtrType } from './layout.js';

export type Var = number;

/** The two memories of a fused plan: the calling component's and the called one's. */
export type Side = 'caller' | 'callee';

/**
 * Where a host value sits, for TypeErrors: `arg 0 .items[3] .name`. Parts:
 * an argument, the host function's returned value, a record field (by its
 * component name), a list/tuple index (a Var when dynamic), a variant payload,
 * the payload of a thrown ComponentError.
 */
export type PathPart =
  | { arg: number }
  | { returned: true }
  | { field: string }
  | { index: Var | number; dynamic: boolean }
  | { payload: true }
  | { thrown: true };
export type Path = readonly PathPart[];

/** Memory access width/kind of a load or store. */
export type MemKind = 'u8' | 's8' | 'u16' | 's16' | 'u32' | 's32' | 'u64' | 's64' | 'f32' | 'f64';

/** Element kinds of lists carried as typed arrays. */
export type NumKind = MemKind;

/**
 * Scalar conversions.
 * Lifting (core → host): `bool` (i32 ≠ 0), `u8` `s8` `u16` `s16` `u32` `s32`
 * (i32 → number in range), `u64` (i64 → unsigned bigint), `f32` `f64` (NaN
 * canonicalisation), `wrap-i64` (i64 → i32), `f32-from-i32` `f64-from-i64`
 * (reinterpret bits of a joined variant slot).
 * Lowering (host → core): `from-bool` (→ 0/1), `extend-i32` (i32 → i64,
 * zero-extended), `f32-to-i32` `f64-to-i64` (reinterpret bits).
 * Both ways (fused): `char` (i32 → the code point, trapping unless it is a
 * Unicode scalar value).
 * Addresses of a 64-bit memory (🐘): `addr64` (an i64 pointer or length →
 * a JS number; past 2^53 a far address that every check rejects),
 * `to-addr64` (a JS number address or length → i64), and for latin1+utf16
 * lengths, whose UTF-16 tag is bit 63 there: `tagged64` (→ the runtime's
 * bit-31 form) and `to-tagged64`.
 */
export type Conv =
  | 'bool' | 'u8' | 's8' | 'u16' | 's16' | 'u32' | 's32' | 'u64' | 'f32' | 'f64'
  | 'wrap-i64' | 'f32-from-i32' | 'f64-from-i64'
  | 'from-bool' | 'extend-i32' | 'f32-to-i32' | 'f64-to-i64'
  | 'char'
  | 'addr64' | 'to-addr64' | 'tagged64' | 'to-tagged64';

/** What a `check` asserts of a host value. */
export type Check =
  | { is: 'bool' | 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32' | 's64' | 'u64' | 'f32' | 'f64' | 'string' }
  | { is: 'record' | 'flags' }
  | { is: 'tuple'; length: number }
  | { is: 'flag' }
  | { is: 'numbers'; elem: NumKind }
  | { is: 'handle'; type: ValType };

export interface CaseBlock {
  /** case index in the despecialised variant */
  index: number;
  /** the host payload (match) or nothing */
  payload: Var | null;
  body: Instr[];
  yields: Var[];
}

type ListType = ValType & ({ kind: 'list' } | { kind: 'map' });
type CasesType = ValType & { kind: 'variant' | 'enum' | 'option' | 'result' };

export type Instr =
  // sources
  | { op: 'arg'; dst: Var; index: number }
  | { op: 'param'; dst: Var; index: number; type: CoreFlatType }
  | { op: 'const'; dst: Var; value: number | bigint | null }
  // lifecycle
  | { op: 'enter' }
  | { op: 'exit' }
  // calls and exits
  | { op: 'call-core'; args: Var[]; dst: Var | null }
  | { op: 'post-return'; args: Var[] }
  | { op: 'call-host'; args: Var[]; dst: Var | null; disc?: Var }
  | { op: 'return'; src: Var | null }
  | { op: 'return-or-throw'; disc: Var; src: Var | null }
  // memory
  | { op: 'view'; dst: Var; mem?: Side }
  | { op: 'load'; dst: Var; view: Var; ptr: Var; offset: number; kind: MemKind }
  | { op: 'store'; view: Var; ptr: Var; offset: number; kind: MemKind; src: Var }
  | { op: 'alloc'; dst: Var; align: number; size: Var; mem?: Side }
  | { op: 'check-ptr'; view: Var; ptr: Var; align: number; size: number }
  | { op: 'check-list'; view: Var; ptr: Var; len: Var; elemSize: number; align: number }
  | { op: 'addr'; dst: Var; base: Var | null; index: Var; scale: number }
  // scalars
  | { op: 'conv'; dst: Var; src: Var; conv: Conv }
  | { op: 'check'; src: Var; check: Check; path: Path }
  // bulk
  | { op: 'lift-string'; dst: Var; ptr: Var; len: Var }
  | { op: 'lower-string'; src: Var; ptr: Var; len: Var }
  | { op: 'lift-numbers'; dst: Var; ptr: Var; len: Var; elem: NumKind }
  | { op: 'lower-numbers'; src: Var; ptr: Var; elem: NumKind }
  // fused: memory to memory
  | {
      op: 'copy-string'; from: Side; to: Side; fromEnc: StringEncoding; toEnc: StringEncoding;
      ptr: Var; len: Var; outPtr: Var; outLen: Var;
    }
  | { op: 'copy-list'; dst: Var; from: Side; to: Side; ptr: Var; len: Var; elemSize: number; align: number }
  | { op: 'check-disc'; dst: Var; src: Var; count: number }
  | { op: 'mask'; dst: Var; src: Var; bits: number }
  | { op: 'move-handle'; dst: Var; src: Var; type: ValType; to: Side }
  // host values: reading
  | { op: 'field'; dst: Var; src: Var; type: ValType; index: number }
  | { op: 'length'; dst: Var; src: Var }
  | { op: 'item'; dst: Var; src: Var; index: Var }
  | { op: 'host-list'; dst: Var; src: Var; type: ListType; path: Path | null }
  | { op: 'char-code'; dst: Var; src: Var; path: Path | null }
  | { op: 'enum-index'; dst: Var; src: Var; type: ValType & { kind: 'enum' }; path: Path | null }
  | { op: 'flags-bits'; dst: Var; src: Var; type: ValType & { kind: 'flags' }; path: Path | null }
  | { op: 'match'; src: Var; type: CasesType; path: Path | null; cases: CaseBlock[]; dsts: Var[] }
  // host values: building
  | { op: 'make-record'; dst: Var; type: ValType; fields: Var[] }
  | { op: 'make-case'; dst: Var; type: CasesType; index: number; payload: Var | null }
  | { op: 'make-flags'; dst: Var; src: Var; type: ValType & { kind: 'flags' } }
  | { op: 'enum-name'; dst: Var; src: Var; type: ValType & { kind: 'enum' } }
  | { op: 'make-char'; dst: Var; src: Var }
  | { op: 'new-list'; dst: Var; type: ListType; len: Var }
  | { op: 'list-set'; list: Var; index: Var; src: Var }
  | { op: 'map-set'; map: Var; key: Var; value: Var }
  // handles (own/borrow/stream/future/error-context): filled by the resources/async emitters
  | { op: 'lift-handle'; dst: Var; src: Var; type: ValType }
  | { op: 'lower-handle'; dst: Var; src: Var; type: ValType }
  // control
  | { op: 'switch'; on: Var; cases: CaseBlock[]; dsts: Var[]; exhaustive?: boolean }
  | { op: 'loop'; count: Var; index: Var; body: Instr[] };

export type Op = Instr['op'];

export type StringEncoding = 'utf8' | 'utf16' | 'latin1+utf16';

/** The canon options that shape a plan. */
export interface AbiOptions {
  stringEncoding: StringEncoding;
  memory: boolean;
  realloc: boolean;
  postReturn: boolean;
  ptrType: PtrType;
  async: boolean;
}

export interface FuncPlan {
  /**
   * `lift`: an export wrapper (host → core); `lower`: an import (core → host);
   * `fused`: an import whose callee is another component's core function.
   */
  kind: 'lift' | 'lower' | 'fused';
  /** the options of the plan's own side (for `fused`: the caller's) */
  opts: AbiOptions;
  /** the flat core signature (for `fused`: the caller's, as for `lower`) */
  core: { params: CoreFlatType[]; results: CoreFlatType[] };
  /** host parameter count (lift) / core parameter count (lower, fused) of the emitted function */
  arity: number;
  /** `fused` only: both sides' options and the callee's flat signature */
  fused?: {
    caller: AbiOptions;
    callee: AbiOptions;
    calleeCore: { params: CoreFlatType[]; results: CoreFlatType[] };
  };
  body: Instr[];
  /** the runtime-visible features this plan uses (for feature gating and helper inclusion) */
  uses: PlanUses;
  /** next free Var (emitters may allocate temporaries from here) */
  vars: number;
}

export interface PlanUses {
  memory: boolean;
  realloc: boolean;
  strings: boolean;
  handles: boolean;
}
