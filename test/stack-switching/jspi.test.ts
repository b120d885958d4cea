/**
 * Stack switching with JSPI on Node 24 (and, for comparison, asyncify on the
 * same engine), run in a child process: the binary comes from
 * scripts/install-engines.sh; without it this test is skipped.
 */
import { existsSync, rmSync } from 'node:fs';
import { parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { describe, expect, it } from 'vitest';
import { asyncifyModule } from '../../compiler/transform/asyncify.js';
import { hasJspi, pickStackSwitching } from '../../runtime/async/jspi.js';
import { node24, runUnderNode24 } from './node24.js';
import { CORE_WAT, EXPECTED, SUSPENDING_IMPORTS } from './scenarios.js';

describe('feature detection on Node 20', () => {
  it('has no JSPI; auto picks asyncify and jspi is refused', () => {
    expect(hasJspi()).toBe(false);
    expect(pickStackSwitching('auto')).toBe('asyncify');
    expect(pickStackSwitching('asyncify')).toBe('asyncify');
    expect(() => pickStackSwitching('jspi')).toThrow(expect.objectContaining({ code: 'trap/needs-stack-switching' }));
  });
});

describe.skipIf(!existsSync(node24))('JSPI suspender on Node 24 (scripts/install-engines.sh 24)', () => {
  it('runs every scenario under JSPI and under asyncify with the same results', async () => {
    const plain = await parse(CORE_WAT);
    const asyncified = await asyncifyModule(plain, { imports: SUSPENDING_IMPORTS });
    const got = runUnderNode24(plain, asyncified);
    expect(got.version).toMatch(/^v24\./);
    expect(got.hasJspi).toBe(true);
    expect(got.jspi).toMatchObject(EXPECTED);
    expect(got.asyncify).toMatchObject(EXPECTED);
    // a JSPI entry always returns a Promise; an asyncify entry only when it suspended
    expect((got.jspi as Record<string, unknown>).allSyncWasPromise).toBe(true);
    expect((got.asyncify as Record<string, unknown>).allSyncWasPromise).toBe(false);
    // JSPI refuses to suspend without a promising entry (asyncify's cannot-suspend-here)
    expect(got.rawJspi).toMatch(/SuspendError|promising|suspend/i);
  });
});
