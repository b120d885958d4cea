/**
 * Measuring one piece of work with tinybench: warm-up first, then samples
 * until both a time budget and a minimum count are met; the median latency
 * is the figure reported (robust to GC pauses), with throughput in MB/s.
 */
import { Bench } from 'tinybench';

export interface Task {
  /** what is measured, e.g. `decode` */
  name: string;
  /** what it runs on, e.g. a fixture file name */
  input: string;
  /** input size, for MB/s */
  bytes: number;
  run: () => unknown;
}

export interface Row {
  group: string;
  name: string;
  input: string;
  bytes: number;
  /** median time per run, milliseconds */
  medianMs: number;
  /** bytes / median time, in 10^6 bytes per second */
  mbPerSec: number;
  samples: number;
  /** relative margin of error of the mean, percent */
  rme: number;
}

export const SETTINGS = { time: 500, iterations: 30, warmupTime: 150, warmupIterations: 10 } as const;

export async function measure(group: string, tasks: readonly Task[]): Promise<Row[]> {
  const bench = new Bench({ ...SETTINGS, warmup: true, throws: true });
  for (const t of tasks) bench.add(`${t.name} ${t.input}`, t.run);
  await bench.run();
  return tasks.map((t, i) => {
    const result = bench.tasks[i]!.result;
    if (!('latency' in result)) throw new Error(`benchmark ${t.name} ${t.input} did not complete (${result.state})`);
    const medianMs = result.latency.p50;
    return {
      group,
      name: t.name,
      input: t.input,
      bytes: t.bytes,
      medianMs,
      mbPerSec: t.bytes / 1e6 / (medianMs / 1000),
      samples: result.latency.samplesCount,
      rme: result.latency.rme,
    };
  });
}
