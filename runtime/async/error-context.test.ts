import { describe, expect, it } from 'vitest';
import { ComponentInstance } from '../resources/instance.js';
import { ErrorContext, errorContextDebugMessage, errorContextDrop, errorContextLift, errorContextLower, errorContextNew } from './error-context.js';
import { waitableSetNew } from './waitable-set.js';
import { mkStore, trapCode } from '../../test/async/kit.js';

describe('error-context', () => {
  it('creates, reads, passes and drops', () => {
    const { root } = mkStore();
    const other = new ComponentInstance(root);
    const i = errorContextNew(root, 'bad thing');
    expect(errorContextDebugMessage(root, i)).toBe('bad thing');
    // passing one on copies the reference; the handle stays
    const v = errorContextLift(root, i);
    expect(v).toBeInstanceOf(ErrorContext);
    expect(v.debugMessage).toBe('bad thing');
    const j = errorContextLower(other, v);
    expect(errorContextDebugMessage(other, j)).toBe('bad thing');
    errorContextDrop(root, i);
    expect(errorContextDebugMessage(other, j)).toBe('bad thing');
    expect(trapCode(() => errorContextDebugMessage(root, i))).toBe('trap/unknown-handle');
    // a host-made one goes in too
    const k = errorContextLower(root, new ErrorContext('from the host'));
    expect(errorContextDebugMessage(root, k)).toBe('from the host');
  });

  it('checks the kind of handle and may_leave', () => {
    const { root } = mkStore();
    const s = waitableSetNew(root);
    expect(trapCode(() => errorContextDrop(root, s))).toBe('trap/handle-type-mismatch');
    root.mayLeave = false;
    expect(trapCode(() => errorContextNew(root, 'x'))).toBe('trap/cannot-leave');
  });
});
