import { describe, expect, it } from 'vitest';
import { resourceDrop, resourceDropRep, resourceNew, resourceRep } from './builtins.js';
import { callScopeBegin, callScopeEnd } from './call-scope.js';
import { liftBorrow, lowerBorrow } from './handles.js';
import { ComponentInstance } from './instance.js';
import { ResourceType } from './resource-type.js';
import { HANDLE_WAITABLE_SET, handleTableAdd } from './table.js';

function trapOf(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WebAssembly.RuntimeError);
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('expected a trap');
}

/** A resource type defined by `impl` whose destructor records the reps it gets. */
function recordingType(impl: ComponentInstance | null, name = 'r') {
  const dropped: number[] = [];
  const rt = new ResourceType(impl, (rep) => void dropped.push(rep), name);
  return { rt, dropped };
}

describe('resource.new / resource.rep', () => {
  it('allocates own handles in the calling instance and reads their reps', () => {
    const c = new ComponentInstance();
    const { rt } = recordingType(c);
    expect(resourceNew(c, rt, 100)).toBe(1);
    expect(resourceNew(c, rt, 200)).toBe(2);
    expect(resourceRep(c, rt, 1)).toBe(100);
    expect(resourceRep(c, rt, 2)).toBe(200);
  });

  it('traps on unknown indices', () => {
    const c = new ComponentInstance();
    const { rt } = recordingType(c);
    expect(trapOf(() => resourceRep(c, rt, 5)).message).toBe('unknown handle index: 5');
    expect(trapOf(() => resourceDrop(c, rt, 0)).message).toBe('unknown handle index: 0');
    expect(trapOf(() => resourceDrop(c, rt, -1)).message).toBe('unknown handle index: 4294967295');
  });

  it('checks the resource type of the handle (two types share one table)', () => {
    const c = new ComponentInstance();
    const r1 = new ResourceType(c, null, 'r1');
    const r2 = new ResourceType(c, null, 'r2');
    const h = resourceNew(c, r1, 100);
    expect(trapOf(() => resourceRep(c, r2, h))).toEqual({
      code: 'trap/handle-type-mismatch',
      message: 'handle used with the wrong type: handle 1 is an own<r1>, expected a handle of resource r2',
    });
    expect(trapOf(() => resourceDrop(c, r2, h)).code).toBe('trap/handle-type-mismatch');
    expect(resourceRep(c, r1, h)).toBe(100); // the failed drop left it in place
  });

  it('tells apart two generative types of the same name', () => {
    const a = new ComponentInstance();
    const b = new ComponentInstance();
    const ra = new ResourceType(a, null, 'r');
    const rb = new ResourceType(b, null, 'r');
    const h = resourceNew(a, ra, 1);
    expect(trapOf(() => resourceRep(a, rb, h)).message).toContain('expected a handle of another resource type named r');
  });

  it('rejects non-resource elements of the shared table', () => {
    const c = new ComponentInstance();
    const { rt } = recordingType(c);
    const i = handleTableAdd(c.handles, HANDLE_WAITABLE_SET, {}, 0, null);
    expect(trapOf(() => resourceRep(c, rt, i)).message).toBe(
      'handle used with the wrong type: handle 1 is a waitable set, expected a handle of resource r',
    );
  });

  it('keeps tables per instance', () => {
    const def = new ComponentInstance();
    const { rt } = recordingType(def);
    const u1 = new ComponentInstance();
    const u2 = new ComponentInstance();
    expect(handleTableAdd(u1.handles, 1, rt, 100, null)).toBe(1);
    expect(trapOf(() => resourceDrop(u2, rt, 1)).code).toBe('trap/unknown-handle');
  });
});

describe('resource.drop', () => {
  it('runs the destructor of an own with its rep, then frees the slot', () => {
    const c = new ComponentInstance();
    const { rt, dropped } = recordingType(c);
    const h = resourceNew(c, rt, 42);
    resourceDrop(c, rt, h);
    expect(dropped).toEqual([42]);
    expect(trapOf(() => resourceDrop(c, rt, h)).code).toBe('trap/unknown-handle'); // double drop
    expect(resourceNew(c, rt, 43)).toBe(h);
  });

  it('drops a type without destructor', () => {
    const c = new ComponentInstance();
    const rt = new ResourceType(c, null, 'r');
    resourceDrop(c, rt, resourceNew(c, rt, 1));
    expect(c.handles.free).toBe(1);
  });

  it('ends a borrow without running the destructor', () => {
    const d = new ComponentInstance();
    const c = new ComponentInstance();
    const { rt, dropped } = recordingType(d);
    const scope = callScopeBegin();
    const h = lowerBorrow(c, rt, 44, scope);
    expect(scope.numBorrows).toBe(1);
    resourceDrop(c, rt, h);
    expect(scope.numBorrows).toBe(0);
    expect(dropped).toEqual([]);
    callScopeEnd(scope);
  });

  it('traps while the handle is lent, and leaves it in place', () => {
    const c = new ComponentInstance();
    const d = new ComponentInstance();
    const { rt, dropped } = recordingType(c);
    const h = handleTableAdd(d.handles, 1, rt, 7, null);
    const scope = callScopeBegin();
    liftBorrow(d, rt, h, scope);
    expect(trapOf(() => resourceDrop(d, rt, h))).toEqual({
      code: 'trap/handle-lent',
      message: 'cannot drop or transfer a resource while it is borrowed: handle 1 (an own<r>) has 1 outstanding borrow',
    });
    callScopeEnd(scope);
    resourceDrop(d, rt, h);
    expect(dropped).toEqual([7]);
  });

  it('traps when the instance may not leave (post-return, realloc); rep is still allowed', () => {
    const c = new ComponentInstance();
    const { rt } = recordingType(c);
    const h = resourceNew(c, rt, 1);
    c.mayLeave = false;
    expect(trapOf(() => resourceNew(c, rt, 2)).code).toBe('trap/cannot-leave');
    expect(trapOf(() => resourceDrop(c, rt, h)).code).toBe('trap/cannot-leave');
    expect(resourceRep(c, rt, h)).toBe(1);
  });

  it('enters the defining instance for the destructor', () => {
    const c = new ComponentInstance();
    const d = new ComponentInstance();
    let flags: boolean[] = [];
    const rt = new ResourceType(c, () => void (flags = [c.mayEnter, d.mayEnter]), 'r');
    d.mayEnter = false; // d is running (it calls resource.drop)
    resourceDrop(d, rt, handleTableAdd(d.handles, 1, rt, 1, null));
    expect(flags).toEqual([false, false]);
    expect(c.mayEnter).toBe(true);
  });

  it('traps when the destructor would reenter its instance, even without a destructor', () => {
    const c = new ComponentInstance();
    const d = new ComponentInstance();
    for (const rt of [recordingType(c).rt, new ResourceType(c, null, 'r')]) {
      c.mayEnter = false; // c is on the stack (it called into d)
      const h = handleTableAdd(d.handles, 1, rt, 1, null);
      expect(trapOf(() => resourceDrop(d, rt, h)).code).toBe('trap/cannot-enter');
      expect(c.mayEnter).toBe(false);
      c.mayEnter = true;
      c.poisoned = true;
      const h2 = handleTableAdd(d.handles, 1, rt, 1, null);
      expect(trapOf(() => resourceDrop(d, rt, h2)).code).toBe('trap/poisoned');
      c.poisoned = false;
    }
  });

  it('lets an instance drop its own resources while it runs', () => {
    const c = new ComponentInstance();
    const { rt, dropped } = recordingType(c);
    const h = resourceNew(c, rt, 5);
    c.mayEnter = false;
    resourceDrop(c, rt, h);
    expect(dropped).toEqual([5]);
    expect(c.mayEnter).toBe(false);
  });

  it('allows a child to drop a resource of its running parent (donut wrapping)', () => {
    const p = new ComponentInstance();
    const child = new ComponentInstance(p);
    const { rt, dropped } = recordingType(p);
    p.mayEnter = false;
    child.mayEnter = false;
    resourceDrop(child, rt, handleTableAdd(child.handles, 1, rt, 9, null));
    expect(dropped).toEqual([9]);
    // but the host cannot enter p's child while p runs
    const { rt: rc } = recordingType(child);
    child.mayEnter = true;
    expect(trapOf(() => resourceDropRep(rc, 1)).code).toBe('trap/cannot-enter');
  });

  it('propagates a trap from the destructor', () => {
    const c = new ComponentInstance();
    const d = new ComponentInstance();
    const rt = new ResourceType(c, () => { throw new WebAssembly.RuntimeError('unreachable'); }, 'r');
    expect(() => resourceDrop(d, rt, handleTableAdd(d.handles, 1, rt, 1, null))).toThrow('unreachable');
    expect(d.handles.free).toBe(1); // removed before the destructor ran, as the spec orders it
  });

  it('host types: the destructor is called directly', () => {
    const d = new ComponentInstance();
    const { rt, dropped } = recordingType(null, 'host-r');
    d.mayEnter = false;
    resourceDrop(d, rt, handleTableAdd(d.handles, 1, rt, 3, null));
    resourceDropRep(rt, 4);
    expect(dropped).toEqual([3, 4]);
  });
});
