/**
 * own/borrow lifting and lowering, driven the way generated glue will drive
 * them: each "import" below is the fused glue of a sync component-to-component
 * call (lift the caller's arguments, lower them into the callee, run the
 * callee, lift its results, lower them back), with one CallScope per call.
 */
import { describe, expect, it } from 'vitest';
import { resourceDrop, resourceNew, resourceRep } from './builtins.js';
import { callScopeBegin, callScopeEnd, type CallScope } from './call-scope.js';
import { liftBorrow, liftOwn, lowerBorrow, lowerOwn } from './handles.js';
import { ComponentInstance, componentEnterFrom, componentLeaveTo } from './instance.js';
import { ResourceType } from './resource-type.js';
import { HANDLE_BORROW, HANDLE_FREE } from './table.js';

function trapOf(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(WebAssembly.RuntimeError);
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('expected a trap');
}

/** Runs `body` as a call from `caller` into `callee` with a fresh scope. */
function call<T>(caller: ComponentInstance | null, callee: ComponentInstance, body: (scope: CallScope) => T): T {
  const scope = callScopeBegin();
  componentEnterFrom(callee, caller);
  const result = body(scope);
  componentLeaveTo(callee, caller);
  callScopeEnd(scope);
  return result;
}

describe('lift/lower (run_tests.py test_handles)', () => {
  it('moves owns, lends borrows, passes own-instance borrows as reps, and cleans up', () => {
    const root = new ComponentInstance();
    const other = new ComponentInstance(root); // defines rt (usable in imports and exports)
    const inst = new ComponentInstance(root); // defines rt2
    const dropped: number[] = [];
    const dtor = (rep: number) => void dropped.push(rep);
    const rt = new ResourceType(other, dtor, 'rt');
    const rt2 = new ResourceType(inst, dtor, 'rt2');

    // the host import called by inst: (borrow<rt>, borrow<rt>) -> own<rt>
    const host = (a: number, b: number) => {
      expect([a, b]).toEqual([42, 44]);
      return 45;
    };

    // the export of inst: (own<rt>, own<rt>, borrow<rt>, borrow<rt2>) -> (own<rt>, own<rt>, own<rt>)
    const core = (h1: number, h2: number, h3: number, r13: number): number[] => {
      expect([h1, h2, h3, r13]).toEqual([1, 2, 3, 13]); // borrow<rt2> arrives as the rep
      expect(inst.handles.size).toBe(4);
      expect([resourceRep(inst, rt, h1), resourceRep(inst, rt, h2), resourceRep(inst, rt, h3)]).toEqual([42, 43, 44]);

      // lowered import call: lift the borrows (lending h1, h3), lower the own result
      const sub = callScopeBegin();
      const r = host(liftBorrow(inst, rt, h1, sub), liftBorrow(inst, rt, h3, sub));
      expect([inst.handles.lends[h1], inst.handles.lends[h3]]).toEqual([1, 1]);
      const h4 = lowerOwn(inst, rt, r);
      callScopeEnd(sub);
      expect([inst.handles.lends[h1], inst.handles.lends[h3]]).toEqual([0, 0]);
      expect(h4).toBe(4);
      expect(resourceRep(inst, rt, h4)).toBe(45);

      resourceDrop(inst, rt, h1);
      expect(dropped).toEqual([42]);
      expect(inst.handles.free).toBe(h1);
      const h = resourceNew(inst, rt, 46);
      expect(h).toBe(h1);
      expect(inst.handles.free).toBe(0);

      resourceDrop(inst, rt, h3); // a borrow: no destructor
      expect(dropped).toEqual([42]);
      expect(inst.handles.free).toBe(h3);
      return [h, h2, h4];
    };

    const got = call(null, inst, (task) => {
      const results = core(lowerOwn(inst, rt, 42), lowerOwn(inst, rt, 43), lowerBorrow(inst, rt, 44, task), lowerBorrow(inst, rt2, 13, task));
      return results.map((h) => liftOwn(inst, rt, h));
    });
    expect(got).toEqual([46, 43, 45]);
    expect(inst.handles.size).toBe(5);
    expect(Array.from(inst.handles.tags.subarray(0, 5))).toEqual([HANDLE_FREE, HANDLE_FREE, HANDLE_FREE, HANDLE_FREE, HANDLE_FREE]);
    // the free list, most recently freed first: h3 (dropped), then h, h2, h4 (lifted in order)
    const free: number[] = [];
    for (let i = inst.handles.free; i !== 0; i = inst.handles.reps[i]!) free.push(i);
    expect(free).toEqual([4, 2, 1, 3]);
  });
});

/** borrows.wast's $C: defines R with a destructor and counts live resources. */
function borrowTester() {
  const c = new ComponentInstance();
  const d = new ComponentInstance();
  let made = 0;
  let live = 0;
  const R = new ResourceType(
    c,
    (rep) => {
      if (rep <= 0x40 || rep > 0x40 + made || live === 0) throw new WebAssembly.RuntimeError('unreachable');
      live--;
    },
    'R',
  );
  const cm = {
    make: () => {
      made++;
      live++;
      return resourceNew(c, R, 0x40 + made);
    },
    getRep: (rep: number) => rep,
    getRepPair: (a: number, b: number) => a + b,
    borrowAndTake: (rep: number, own: number) => {
      resourceDrop(c, R, own);
      return rep;
    },
  };
  // $D's lowered imports: the fused glue of each call
  const dm = {
    make: () => lowerOwn(d, R, call(d, c, () => liftOwn(c, R, cm.make()))),
    getRep: (h: number) => call(d, c, (s) => cm.getRep(lowerBorrow(c, R, liftBorrow(d, R, h, s), s))),
    getRepPair: (a: number, b: number) =>
      call(d, c, (s) => {
        const ra = liftBorrow(d, R, a, s);
        const rb = liftBorrow(d, R, b, s);
        return cm.getRepPair(lowerBorrow(c, R, ra, s), lowerBorrow(c, R, rb, s));
      }),
    borrowAndTake: (b: number, o: number) =>
      call(d, c, (s) => {
        const rb = liftBorrow(d, R, b, s);
        const ro = liftOwn(d, R, o);
        return cm.borrowAndTake(lowerBorrow(c, R, rb, s), lowerOwn(c, R, ro));
      }),
    drop: (h: number) => resourceDrop(d, R, h),
    numLive: () => live,
  };
  return { c, d, R, dm };
}

describe('borrows.wast', () => {
  it('run: borrows leave the lender usable; owns move; destructors run', () => {
    const { d, dm } = borrowTester();
    d.mayEnter = false; // $D's export "run" is running
    const h1 = dm.make();
    expect(h1).toBe(1);
    expect(dm.getRep(h1)).toBe(0x41);
    expect(dm.getRep(h1)).toBe(0x41);
    expect(dm.getRepPair(h1, h1)).toBe(0x82);
    const h2 = dm.make();
    expect(h2).toBe(2);
    expect(dm.numLive()).toBe(2);
    expect(dm.borrowAndTake(h1, h2)).toBe(0x41);
    expect(dm.numLive()).toBe(1);
    expect(dm.getRep(h1)).toBe(0x41);
    dm.drop(h1);
    expect(dm.numLive()).toBe(0);
    const h3 = dm.make();
    expect(h3).toBe(1);
    expect(dm.getRep(h3)).toBe(0x43);
    dm.drop(h3);
    expect(d.handles.lends.subarray(0, d.handles.size).every((n) => n === 0)).toBe(true);
  });

  it('lend-trap: lifting an own that the same call borrows', () => {
    const { d, dm } = borrowTester();
    d.mayEnter = false;
    const h = dm.make();
    expect(trapOf(() => dm.borrowAndTake(h, h))).toEqual({
      code: 'trap/handle-lent',
      message: 'cannot drop or transfer a resource while it is borrowed: handle 1 (an own<R>) has 1 outstanding borrow',
    });
  });
});

describe('multiple-resources.wast', () => {
  it('two types share one table; each drop runs its own destructor', () => {
    const c = new ComponentInstance();
    const d = new ComponentInstance();
    const live = { r1: 0, r2: 0 };
    const dtors: string[] = [];
    const R1 = new ResourceType(c, (rep) => void (dtors.push(`r1:${rep.toString(16)}`), live.r1--), 'R1');
    const R2 = new ResourceType(c, (rep) => void (dtors.push(`r2:${rep.toString(16)}`), live.r2--), 'R2');
    const make = (rt: ResourceType, base: number, k: 'r1' | 'r2') =>
      lowerOwn(d, rt, call(d, c, () => liftOwn(c, rt, resourceNew(c, rt, base + ++live[k]))));
    const getRep = (rt: ResourceType, h: number) => call(d, c, (s) => lowerBorrow(c, rt, liftBorrow(d, rt, h, s), s));

    d.mayEnter = false;
    expect([make(R1, 0x40, 'r1'), make(R2, 0x80, 'r2'), make(R1, 0x40, 'r1'), make(R2, 0x80, 'r2')]).toEqual([1, 2, 3, 4]);
    expect(live.r1 + live.r2).toBe(4);
    expect(getRep(R2, 2)).toBe(0x81);
    resourceDrop(d, R2, 2);
    expect(getRep(R1, 1)).toBe(0x41);
    resourceDrop(d, R1, 1);
    expect(getRep(R2, 4)).toBe(0x82);
    resourceDrop(d, R2, 4);
    expect(getRep(R1, 3)).toBe(0x42);
    resourceDrop(d, R1, 3);
    expect(live.r1 + live.r2).toBe(0);
    expect(dtors).toEqual(['r2:81', 'r1:41', 'r2:82', 'r1:42']);
    expect(trapOf(() => getRep(R1, 2)).code).toBe('trap/unknown-handle');
  });
});

describe('liftOwn', () => {
  it('traps on a handle of another type (return-R1-as-R2)', () => {
    const c = new ComponentInstance();
    const R1 = new ResourceType(c, null, 'R1');
    const R2 = new ResourceType(c, null, 'R2');
    const h = resourceNew(c, R1, 100);
    expect(trapOf(() => liftOwn(c, R2, h)).code).toBe('trap/handle-type-mismatch');
    expect(resourceRep(c, R1, h)).toBe(100);
  });

  it('traps on a borrow handle', () => {
    const c = new ComponentInstance();
    const d = new ComponentInstance();
    const R = new ResourceType(c, null, 'R');
    const task = callScopeBegin();
    const h = lowerBorrow(d, R, 7, task);
    expect(trapOf(() => liftOwn(d, R, h))).toEqual({
      code: 'trap/handle-not-owned',
      message: 'a borrowed handle cannot transfer ownership: handle 1 is a borrow<R>, expected an own<R>',
    });
  });

  it('traps on unknown and dropped handles (own-use-after-drop, borrow-never-valid)', () => {
    const c = new ComponentInstance();
    const d = new ComponentInstance();
    const R = new ResourceType(c, null, 'R');
    const h = lowerOwn(d, R, 100);
    resourceDrop(d, R, h);
    expect(trapOf(() => liftOwn(d, R, h)).message).toBe('unknown handle index: 1');
    expect(trapOf(() => liftBorrow(d, R, 3, callScopeBegin())).message).toBe('unknown handle index: 3');
  });

  it('frees the slot: moving out and dropping both let index 1 be reused', () => {
    const c = new ComponentInstance();
    const d = new ComponentInstance();
    const R = new ResourceType(c, null, 'R');
    const make = (rep: number) => lowerOwn(d, R, liftOwn(c, R, resourceNew(c, R, rep)));
    expect(make(100)).toBe(1);
    expect(make(200)).toBe(2);
    resourceDrop(d, R, 2);
    lowerOwn(c, R, liftOwn(d, R, 1)); // "take"
    expect(make(300)).toBe(1);
  });
});

describe('borrow scopes', () => {
  it('lowerBorrow into a non-defining instance adds a borrow handle tracked by the scope', () => {
    const c = new ComponentInstance();
    const callee = new ComponentInstance();
    const R = new ResourceType(c, null, 'R');
    const task = callScopeBegin();
    const h = lowerBorrow(callee, R, 5, task);
    expect(h).toBe(1);
    expect(callee.handles.tags[h]).toBe(HANDLE_BORROW);
    expect(callee.handles.scopes[h]).toBe(task);
    expect(task.numBorrows).toBe(1);
    expect(resourceRep(callee, R, h)).toBe(5);
  });

  it('lowerBorrow into the defining instance passes the rep and tracks nothing', () => {
    const c = new ComponentInstance();
    const R = new ResourceType(c, null, 'R');
    const task = callScopeBegin();
    expect(lowerBorrow(c, R, 0x1234, task)).toBe(0x1234);
    expect(task.numBorrows).toBe(0);
    expect(c.handles.size).toBe(1);
    callScopeEnd(task);
  });

  it('traps at the end of the call when the callee kept a borrow', () => {
    const c = new ComponentInstance();
    const callee = new ComponentInstance();
    const R = new ResourceType(c, null, 'R');
    const task = callScopeBegin();
    lowerBorrow(callee, R, 5, task);
    lowerBorrow(callee, R, 6, task);
    expect(trapOf(() => callScopeEnd(task))).toEqual({
      code: 'trap/borrows-remain',
      message: 'borrow handles still remain at the end of the call: 2 borrow handles not dropped',
    });
  });

  it('a borrow handle can itself be lent on, and cannot be dropped while lent', () => {
    const c = new ComponentInstance();
    const mid = new ComponentInstance();
    const last = new ComponentInstance();
    const R = new ResourceType(c, null, 'R');
    const outer = callScopeBegin();
    const hb = lowerBorrow(mid, R, 9, outer);
    const inner = callScopeBegin();
    const hl = lowerBorrow(last, R, liftBorrow(mid, R, hb, inner), inner);
    expect(mid.handles.lends[hb]).toBe(1);
    expect(trapOf(() => resourceDrop(mid, R, hb)).code).toBe('trap/handle-lent');
    resourceDrop(last, R, hl);
    callScopeEnd(inner);
    expect(mid.handles.lends[hb]).toBe(0);
    resourceDrop(mid, R, hb);
    callScopeEnd(outer);
  });

  it('recycles scopes, reset', () => {
    const c = new ComponentInstance();
    const d = new ComponentInstance();
    const R = new ResourceType(c, null, 'R');
    const h = lowerOwn(d, R, 1);
    const s1 = callScopeBegin();
    liftBorrow(d, R, h, s1);
    liftBorrow(d, R, h, s1);
    expect(d.handles.lends[h]).toBe(2);
    callScopeEnd(s1);
    expect(d.handles.lends[h]).toBe(0);
    const s2 = callScopeBegin();
    expect(s2).toBe(s1);
    expect([s2.numBorrows, s2.numLent, s2.numWrappers]).toEqual([0, 0, 0]);
    expect(s2.lentTables.every((t) => t === null)).toBe(true);
    const s3 = callScopeBegin(); // nested call while s2 is live: a different scope
    expect(s3).not.toBe(s2);
    callScopeEnd(s3);
    callScopeEnd(s2);
  });
});
