/**
 * The per-component-instance handle table (the spec's `Table`): the i32
 * handles core wasm sees index it. One table holds every kind of element
 * (resource handles now; subtasks, stream/future ends, waitable sets and
 * error contexts later), told apart by a tag.
 *
 * Laid out as parallel columns so that adding a handle allocates nothing:
 * `tags` (the kind), `refs` (the resource type, or the element object for
 * other kinds), `reps`, `lends` (num_lends) and `scopes` (borrow_scope).
 * Slot 0 is reserved. Freed slots form a LIFO free list threaded through
 * `reps` (as the spec suggests), so reuse order is the spec's.
 */
import type { CallScope } from './call-scope.js';
import { trapWith } from './trap-detail.js';

/** The spec's `Table.MAX_LENGTH`: the high 4 bits of an index stay free for guests. */
export const HANDLE_MAX_LENGTH = 2 ** 28 - 1;

/** Element tags. 0 is a hole (free or reserved); resource handles are own or borrow. */
export const HANDLE_FREE = 0;
export const HANDLE_OWN = 1;
export const HANDLE_BORROW = 2;
export const HANDLE_SUBTASK = 3;
export const HANDLE_STREAM_READABLE = 4;
export const HANDLE_STREAM_WRITABLE = 5;
export const HANDLE_FUTURE_READABLE = 6;
export const HANDLE_FUTURE_WRITABLE = 7;
export const HANDLE_WAITABLE_SET = 8;
export const HANDLE_ERROR_CONTEXT = 9;
/** an element of an instance's thread table (runtime/async/coop.ts) */
export const HANDLE_THREAD = 10;

const HANDLE_KIND_NAMES = [
  'free slot',
  'own handle',
  'borrow handle',
  'subtask',
  'stream readable end',
  'stream writable end',
  'future readable end',
  'future writable end',
  'waitable set',
  'error context',
  'thread',
];

export class HandleTable {
  /** slots in use, counting slot 0 and free slots */
  size: number;
  /** first free slot (0: none); a free slot's `reps` entry is the next free slot */
  free: number;
  tags: Uint8Array;
  reps: Int32Array;
  lends: Int32Array;
  refs: unknown[];
  scopes: (CallScope | null)[];
  /** `HANDLE_MAX_LENGTH` except in tests */
  readonly maxLength: number;

  constructor(maxLength: number = HANDLE_MAX_LENGTH, capacity = 16) {
    this.size = 1;
    this.free = 0;
    this.tags = new Uint8Array(capacity);
    this.reps = new Int32Array(capacity);
    this.lends = new Int32Array(capacity);
    // pushed, not `new Array(n)`, so the arrays stay packed (no hole checks)
    this.refs = [];
    this.scopes = [];
    for (let i = 0; i < capacity; i++) {
      this.refs.push(null);
      this.scopes.push(null);
    }
    this.maxLength = maxLength;
  }
}

/** Adds an element (lends 0); returns its index. Traps when the table is full. */
export function handleTableAdd(t: HandleTable, tag: number, ref: unknown, rep: number, scope: CallScope | null): number {
  let i = t.free;
  if (i !== 0) {
    t.free = t.reps[i];
  } else {
    i = t.size;
    if (i > t.maxLength) trapWith('trap/handle-table-full', `cannot add entry ${i}`);
    if (i === t.tags.length) handleTableGrow(t);
    t.size = i + 1;
  }
  t.tags[i] = tag;
  t.refs[i] = ref;
  t.reps[i] = rep;
  t.lends[i] = 0;
  t.scopes[i] = scope;
  return i;
}

/** Frees slot `i` (already checked to be live) and pushes it on the free list. */
export function handleTableFree(t: HandleTable, i: number): void {
  t.tags[i] = HANDLE_FREE;
  t.refs[i] = null;
  t.scopes[i] = null;
  t.reps[i] = t.free;
  t.free = i;
}

/** The element object of a non-resource handle `i` of kind `tag`; traps if unknown or of another kind. */
export function handleTableGet(t: HandleTable, tag: number, i: number): unknown {
  if (i >>> 0 >= t.size || t.tags[i] !== tag) handleKindFault(t, tag, i);
  return t.refs[i];
}

/** Removes the non-resource handle `i` of kind `tag` and returns its element object. */
export function handleTableRemove(t: HandleTable, tag: number, i: number): unknown {
  if (i >>> 0 >= t.size || t.tags[i] !== tag) handleKindFault(t, tag, i);
  const ref = t.refs[i];
  handleTableFree(t, i);
  return ref;
}

/** Live elements in index order (diagnostics and tests, not the hot path). */
export function handleTableEntries(t: HandleTable): { index: number; tag: number; ref: unknown; rep: number; lends: number }[] {
  const out = [];
  for (let i = 1; i < t.size; i++) {
    if (t.tags[i] !== HANDLE_FREE) out.push({ index: i, tag: t.tags[i], ref: t.refs[i], rep: t.reps[i], lends: t.lends[i] });
  }
  return out;
}

function handleTableGrow(t: HandleTable): void {
  const capacity = Math.min(t.tags.length * 2, t.maxLength + 1);
  const tags = new Uint8Array(capacity);
  tags.set(t.tags);
  t.tags = tags;
  const reps = new Int32Array(capacity);
  reps.set(t.reps);
  t.reps = reps;
  const lends = new Int32Array(capacity);
  lends.set(t.lends);
  t.lends = lends;
  for (let i = t.refs.length; i < capacity; i++) {
    t.refs.push(null);
    t.scopes.push(null);
  }
}

/** Traps for an index that is out of range or a hole (`unknown handle index: 5`), if it is one. */
export function handleUnknownFault(t: HandleTable, i: number): void {
  const u = i >>> 0;
  if (u >= t.size || t.tags[u] === HANDLE_FREE) trapWith('trap/unknown-handle', `${u}`);
}

function handleKindFault(t: HandleTable, tag: number, i: number): never {
  handleUnknownFault(t, i);
  return trapWith('trap/handle-type-mismatch', `handle ${i} is a ${handleKindName(t.tags[i])}, expected a ${handleKindName(tag)}`);
}

export function handleKindName(tag: number): string {
  return HANDLE_KIND_NAMES[tag] ?? `element of kind ${tag}`;
}
