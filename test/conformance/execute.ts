/**
 * The execution hook. The runner checks everything static (convert, decode,
 * validate) itself and hands instantiation and actions to an `Executor`.
 * This issue ships `notRunYet`; later issues implement an executor that
 * compiles with canonjs and compares through the JS contract.
 */
import type { Component } from '../../compiler/binary/ast.js';
import type { Feature } from '../../compiler/binary/opcodes.js';
import type { validateComponent } from '../../compiler/types/validate.js';
import type { Directive, ModuleForm } from './wast.js';

export type ComponentInfo = ReturnType<typeof validateComponent>;

/** Where a module form stopped, when it did not get through validation. */
export interface Rejection {
  /** `text`: the converter rejected it; `crash`: decode/validate threw something other than a CompileError */
  stage: 'text' | 'decode' | 'validate' | 'link' | 'compile' | 'cli' | 'crash';
  code?: string;
  message: string;
  offset?: number;
}

/** One module form, converted, decoded and validated once (definitions are shared by every instance of them). */
export interface Prepared {
  form: ModuleForm;
  bytes?: Uint8Array;
  component?: Component;
  info?: ComponentInfo;
  features: Set<Feature>;
  /** absent when the component validated */
  rejection?: Rejection;
}

export interface InstanceRecord {
  name?: string;
  definition: Prepared;
  /** whatever the executor keeps for a live instance (set by `instantiate`) */
  handle?: unknown;
  /** set once a trap poisoned it */
  poisoned?: boolean;
}

/** The state of one script while it runs, in order. */
export interface Session {
  file: string;
  definitions: Map<string, Prepared>;
  instances: Map<string, InstanceRecord>;
  /** the most recent instance: the default target of actions */
  current?: InstanceRecord;
  /** `(register "name" $i?)` */
  registered: Map<string, InstanceRecord>;
}

export type ExecOutcome =
  | { status: 'passed'; detail?: string }
  | { status: 'failed'; detail: string }
  | { status: 'not-run'; detail: string };

export type ActionDirective = Extract<
  Directive,
  { kind: 'invoke' | 'assert_return' | 'assert_trap' | 'assert_exhaustion' | 'assert_unlinkable' | 'register' }
>;

export interface Executor {
  /**
   * A validated component is to be instantiated (a plain `(component …)` or
   * `(component instance $i $D)`). A `failed` outcome fails that directive;
   * `not-run` leaves its static result standing.
   */
  instantiate(instance: InstanceRecord, session: Session): Promise<ExecOutcome>;
  /** Actions and dynamic assertions. Only called once their component (if any) validated. */
  run(directive: ActionDirective, session: Session): Promise<ExecOutcome>;
}

/** The executor of this issue: nothing runs yet. */
export const notRunYet: Executor = {
  instantiate: async () => ({ status: 'not-run', detail: 'not-run-yet: execution' }),
  run: async () => ({ status: 'not-run', detail: 'not-run-yet: execution' }),
};
