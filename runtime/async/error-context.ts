/**
 * `error-context` (📝): an immutable debug message, held through handles in
 * the instance table. Passing one as a value copies the reference (lifting
 * does not remove the handle). The object itself is the JS face
 * (`ErrorContext` with `debugMessage`). The glue lifts the message string
 * (with the built-in's encoding) for `new` and lowers the one
 * `debug-message` returns.
 */
import type { ComponentInstance } from '../resources/instance.js';
import { HANDLE_ERROR_CONTEXT, handleTableAdd, handleTableGet, handleTableRemove } from '../resources/table.js';
import { trap } from '../traps.js';

export class ErrorContext {
  readonly debugMessage: string;

  constructor(debugMessage: string) {
    this.debugMessage = debugMessage;
  }
}

/** `canon error-context.new`: `message` is the string the glue lifted. */
export function errorContextNew(inst: ComponentInstance, message: string): number {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  return handleTableAdd(inst.handles, HANDLE_ERROR_CONTEXT, new ErrorContext(message), 0, null);
}

/** `canon error-context.debug-message`: the message, for the glue to store. */
export function errorContextDebugMessage(inst: ComponentInstance, i: number): string {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  return (handleTableGet(inst.handles, HANDLE_ERROR_CONTEXT, i) as ErrorContext).debugMessage;
}

/** `canon error-context.drop` */
export function errorContextDrop(inst: ComponentInstance, i: number): void {
  if (!inst.mayLeave) trap('trap/cannot-leave');
  handleTableRemove(inst.handles, HANDLE_ERROR_CONTEXT, i);
}

/** Lifts the `error-context` at handle `i` (the handle stays). */
export function errorContextLift(inst: ComponentInstance, i: number): ErrorContext {
  return handleTableGet(inst.handles, HANDLE_ERROR_CONTEXT, i) as ErrorContext;
}

/** Lowers an `error-context` value into `inst`: a new handle. A host value must be an ErrorContext. */
export function errorContextLower(inst: ComponentInstance, v: ErrorContext): number {
  return handleTableAdd(inst.handles, HANDLE_ERROR_CONTEXT, v, 0, null);
}
