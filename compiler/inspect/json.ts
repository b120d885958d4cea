/** The `--json` form of a report: stable key order, bigints as decimal strings. */
import type { InspectReport } from './report.js';

export function reportJson(r: InspectReport): string {
  return JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n';
}
