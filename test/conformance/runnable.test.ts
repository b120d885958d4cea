import { describe, expect, it } from 'vitest';
import { detectEngine, PROBES, type EngineSupport } from './engine.js';
import { notRunReason } from './runnable.js';

const none = Object.fromEntries(Object.keys(PROBES).map((k) => [k, false])) as EngineSupport;
const all = Object.fromEntries(Object.keys(PROBES).map((k) => [k, true])) as EngineSupport;

describe('which cases run', () => {
  it('runs the synchronous gates', () => {
    expect(notRunReason(['mvp', 'fixed-lists', 'map', 'nested-names', 'implements', 'canonical-names'], none)).toBeNull();
    expect(notRunReason(['mvp', 'async', 'async-builtins', 'stackful', 'error-context', 'coop-threads'], none)).toBeNull();
    expect(notRunReason([], none)).toBeNull();
  });

  it('names what canonjs lacks, with the marker and issue', () => {
    expect(notRunReason(['mvp', 'async', 'shared-threads'], all)).toBe('needs shared-everything threads 🧵②');
    expect(notRunReason(['values'], all)).toMatch(/🪙/);
  });

  it('core proposals run when the engine has them', () => {
    expect(notRunReason(['mvp', 'exceptions'], all)).toBeNull();
    expect(notRunReason(['mvp', 'exceptions'], none)).toMatch(/^exceptions \(exnref, try_table\) need Node ≥ 22 \(this is Node /);
    expect(notRunReason(['multi-memory', 'shared-threads'], none)).toMatch(/^needs shared-everything threads 🧵②; multi-memory needs Node ≥ 22/);
  });
});

describe('engine probes', () => {
  it('match the platform table of BRIEF §4 for this Node', () => {
    const e = detectEngine();
    const major = Number(process.versions.node.split('.')[0]);
    expect(e.simd).toBe(true);
    expect(e['shared-memory']).toBe(true);
    expect(e['custom-page-sizes']).toBe(false);
    expect(e.exceptions).toBe(major >= 22);
    expect(e['multi-memory']).toBe(major >= 22);
  });
});
