/**
 * Side-by-side measuring with tinybench: each comparison is the same work
 * done by canonjs's output, by jco's output and by the floor (the raw core
 * export, or the least JS any binding must run), measured in one Bench with
 * warm-up; the median latency is the figure reported (robust to GC pauses).
 * Fast calls run in batches (`ops` per sample) so the timer's own cost does
 * not swamp them; the row holds the time per operation.
 */
import { Bench } from 'tinybench';

/** A measured figure (nanoseconds per operation, or bytes), or why there is none. */
export type Cell = { value: number; samples?: number; rme?: number } | { na: string };

export type Unit = 'time' | 'bytes';

/** A target from the issue: canonjs ≤ max × floor, ≤ max × jco, or ≤ max (ns or bytes). */
export interface Target {
  vs: 'floor' | 'jco' | 'value';
  max: number;
}

export interface Row {
  group: string;
  name: string;
  input: string;
  unit: Unit;
  canonjs: Cell;
  jco: Cell;
  floor: Cell;
  target?: Target;
  /** what the floor is, or why a cell is n/a, for the notes column */
  note?: string;
  /** per-fixture rows: in latest.md's detail table, not in the README */
  detail?: boolean;
}

/** "n/a" with its reason; an empty reason prints as "—" (nothing to compare with). */
export const na = (why = ''): { na: string } => ({ na: why });

export const isNa = (c: Cell): c is { na: string } => 'na' in c;

/**
 * Per task: at least `iterations` samples and `time` ms in all, after warm-up,
 * spread over `rounds` passes that run the sides in rotating order, so a
 * machine busy at one moment weighs on all sides alike; the figure is the
 * median of the passes' medians.
 */
export const SETTINGS = { time: 600, iterations: 30, warmupTime: 150, warmupIterations: 10, rounds: 3 } as const;

export type Settings = { time: number; iterations: number; warmupTime: number; warmupIterations: number; rounds: number };

/** One side of a comparison: the work (sync or async), or why it cannot run. */
export type Side = (() => unknown) | { na: string };

export interface Comparison {
  name: string;
  input: string;
  /** operations per run of a side; the median is divided by it */
  ops: number;
  canonjs: Side;
  jco: Side;
  floor: Side;
  target?: Target;
  note?: string;
  detail?: boolean;
}

const SIDES = ['canonjs', 'jco', 'floor'] as const;

interface Slot {
  row: number;
  side: (typeof SIDES)[number];
  run: () => unknown;
  medians: number[];
  samples: number;
  rme: number[];
  error?: string;
}

/** Measures every side of every comparison; a side that throws becomes n/a. */
export async function measure(group: string, comparisons: readonly Comparison[], settings: Settings = SETTINGS): Promise<Row[]> {
  const slots: Slot[] = [];
  comparisons.forEach((c, row) => {
    for (const side of SIDES) {
      const run = c[side];
      if (typeof run === 'function') slots.push({ row, side, run, medians: [], samples: 0, rme: [] });
    }
  });
  for (let pass = 0; pass < settings.rounds; pass++) {
    const bench = new Bench({
      time: settings.time / settings.rounds,
      iterations: Math.ceil(settings.iterations / settings.rounds),
      warmupTime: settings.warmupTime / settings.rounds,
      warmupIterations: Math.ceil(settings.warmupIterations / settings.rounds),
      warmup: true,
      throws: false,
    });
    const order = slots.map((_, i) => slots[(i + pass) % slots.length]!).filter((s) => s.error === undefined);
    order.forEach((s, i) => bench.add(`${i}`, s.run));
    await bench.run();
    order.forEach((s, i) => {
      const result = bench.getTask(`${i}`)!.result;
      if ('latency' in result) {
        s.medians.push(result.latency.p50);
        s.samples += result.latency.samplesCount;
        s.rme.push(result.latency.rme);
      } else {
        s.error = result.state === 'errored' ? `threw: ${result.error.message.split('\n')[0]}` : `did not complete (${result.state})`;
      }
    });
  }
  const rows: Row[] = comparisons.map((c) => ({
    group,
    name: c.name,
    input: c.input,
    unit: 'time',
    canonjs: cellOf(c.canonjs),
    jco: cellOf(c.jco),
    floor: cellOf(c.floor),
    ...(c.target ? { target: c.target } : {}),
    ...(c.note ? { note: c.note } : {}),
    ...(c.detail ? { detail: true } : {}),
  }));
  for (const s of slots) {
    const ops = comparisons[s.row]!.ops;
    rows[s.row]![s.side] =
      s.error !== undefined
        ? na(s.error)
        : { value: (median(s.medians) * 1e6) / ops, samples: s.samples, rme: s.rme.reduce((a, b) => a + b, 0) / s.rme.length };
  }
  return rows;
}

/** A side from something prepared (or n/a): `make` builds the measured closure. */
export function side<T>(t: T | { na: string }, make: (t: T) => () => unknown): Side {
  return t !== null && typeof t === 'object' && 'na' in t ? (t as { na: string }) : make(t as T);
}

function cellOf(s: Side): Cell {
  return typeof s === 'function' ? na('not measured') : na(s.na);
}

/** Median of a list of numbers (for figures measured without tinybench, e.g. process spawns). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
