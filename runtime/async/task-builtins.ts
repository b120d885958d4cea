/**
 * The built-ins about the current task and thread: `task.return`,
 * `task.cancel`, `context.get/set`, `thread.yield`, `backpressure.inc/dec`.
 * Each takes the component instance the built-in was defined in; the
 * current thread must belong to it.
 */
import type { ComponentInstance } from '../resources/instance.js';
import { trap } from '../traps.js';
import { LIFT_SYNC } from './lift.js';
import { schedulerOf, schedulerWake } from './scheduler.js';
import { taskResolveCancelled, taskReturnValue } from './task.js';
import { WAIT_ANY, asyncCurrent, threadWaitUntil } from './thread.js';

/**
 * `canon task.return`: `value` is the result the glue lifted from the core
 * arguments; `sig` identifies the built-in's result type and options, which
 * must be the task's (`LiftedFunc.returnSig`).
 */
export function taskReturn(inst: ComponentInstance, sig: unknown, value: unknown): void {
  const task = asyncCurrent(inst).task;
  if (!inst.mayLeave) trap('trap/cannot-leave');
  if (task.fn.kind === LIFT_SYNC) trap('trap/task-return-sync');
  if (sig !== task.fn.returnSig) trap('trap/task-return-mismatch');
  taskReturnValue(task, value);
}

/** `canon task.cancel`: confirms a delivered cancellation. */
export function taskCancel(inst: ComponentInstance): void {
  const task = asyncCurrent(inst).task;
  if (!inst.mayLeave) trap('trap/cannot-leave');
  if (task.fn.kind === LIFT_SYNC) trap('trap/task-return-sync');
  taskResolveCancelled(task);
}

/** `canon context.get i` */
export function contextGet(inst: ComponentInstance, i: number): number | bigint {
  const t = asyncCurrent(inst);
  return i === 0 ? t.context0 : t.context1;
}

/** `canon context.set i` */
export function contextSet(inst: ComponentInstance, i: number, v: number | bigint): void {
  const t = asyncCurrent(inst);
  if (i === 0) t.context0 = v;
  else t.context1 = v;
}

/** `canon thread.yield`: 1 when a cancellation was delivered instead; a Promise when the thread suspended. */
export function threadYield(inst: ComponentInstance, cancellable: boolean): number | Promise<number> {
  const t = asyncCurrent(inst);
  if (!inst.mayLeave) trap('trap/cannot-leave');
  return threadWaitUntil(schedulerOf(inst), t, WAIT_ANY, null, cancellable, false);
}

/** `canon backpressure.inc` */
export function backpressureInc(inst: ComponentInstance): void {
  if (inst.backpressure === 0xffff) trap('trap/backpressure-overflow');
  inst.backpressure++;
}

/** `canon backpressure.dec`: tasks held back may now start. */
export function backpressureDec(inst: ComponentInstance): void {
  if (inst.backpressure === 0) trap('trap/backpressure-underflow');
  if (--inst.backpressure === 0) schedulerWake(schedulerOf(inst));
}

/** The withdrawn `backpressure.set` (0x08) of older binaries: on or off. */
export function backpressureSet(inst: ComponentInstance, on: number): void {
  inst.backpressure = on !== 0 ? 1 : 0;
  if (on === 0) schedulerWake(schedulerOf(inst));
}
