/**
 * The state of emitting one function from a plan: statement lists, the
 * expression each Var stands for, inlining decisions, and small utilities
 * the per-op emitters share.
 */
import type { FuncPlan, Instr, Path, Side, Var } from '../../abi/instructions.js';
import { useCounts } from '../../abi/instr-walk.js';
import * as b from '../builders.js';
import type { E } from '../builders.js';
import type { RuntimeHelper } from '../runtime-helpers.js';
import type { EmitContext } from './context.js';
import { inlinedVars } from './inline.js';
import { toLowerCamel as lowerCamelCase } from '../../types/names.js';

export type Handler<I extends Instr = Instr> = (em: FnEmitter, i: I) => void;
export type Handlers = { [K in Instr['op']]: Handler<Extract<Instr, { op: K }>> };

export class FnEmitter {
  private readonly out: E.Statement[][] = [[]];
  private readonly bound = new Map<Var, E.Expression>();
  private readonly inline: Set<Var>;
  private temps = 0;

  constructor(
    readonly plan: FuncPlan,
    readonly ctx: EmitContext,
    private readonly handlers: Handlers,
  ) {
    this.inline = inlinedVars(plan.body, useCounts(plan.body), (i) => this.isBarrier(i));
  }

  /** Instructions whose code has effects (calls, stores, checks that throw): values do not move across them. */
  private isBarrier(i: Instr): boolean {
    if (i.op === 'enter') return this.ctx.enter !== undefined;
    if (i.op === 'exit') return this.ctx.exit !== undefined;
    return true;
  }

  push(...s: E.Statement[]): void {
    this.out[this.out.length - 1]!.push(...s);
  }

  /** Emits `body` into a fresh statement list (a nested block). */
  block(body: readonly Instr[], tail?: () => void): E.Statement[] {
    this.out.push([]);
    this.emitAll(body);
    tail?.();
    return this.out.pop()!;
  }

  emitAll(body: readonly Instr[]): void {
    for (const i of body) (this.handlers[i.op] as Handler)(this, i);
  }

  /** Defines `dst` as `expr`: inline at its use, or as `const <prefix><n> = expr`. */
  bind(dst: Var, expr: E.Expression, prefix = 'v'): void {
    if (this.inline.has(dst)) {
      this.bound.set(dst, expr);
      return;
    }
    const name = `${prefix}${dst}`;
    this.push(b.constDecl(name, expr));
    this.bound.set(dst, b.id(name));
  }

  /** Binds `v` to an existing identifier or literal (arguments, constants, loop indices, join results). */
  alias(v: Var, expr: E.Expression): void {
    this.bound.set(v, expr);
  }

  nameOf(v: Var, prefix = 'v'): string {
    return `${prefix}${v}`;
  }

  /** The expression for `v` (an inlined expression is handed out once). */
  ref(v: Var): E.Expression {
    const e = this.bound.get(v);
    if (!e) throw new Error(`emit: v${v} used before definition`);
    return e;
  }

  /** `ref(v)` as something safe to repeat: identifiers and literals as they are, others put in a `const`. */
  refId(v: Var): E.Expression {
    const e = this.ref(v);
    if (isAtom(e)) return e;
    const name = `t${this.temps++}_${v}`;
    this.push(b.constDecl(name, e));
    const ident = b.id(name);
    this.bound.set(v, ident);
    return ident;
  }

  helper(name: RuntimeHelper): E.Expression {
    return this.ctx.helper(name);
  }

  /** `helper(args)` */
  run(name: RuntimeHelper, ...args: E.Expression[]): E.CallExpression {
    return b.call(this.helper(name), ...args);
  }

  /** The plan's memory, or one side's in a fused plan. */
  memory(side?: Side): E.Expression {
    const m = side ? this.ctx.sides?.[side]?.memory : this.ctx.memory;
    if (!m) throw new Error(`emit: the plan uses ${side ? `the ${side}'s ` : ''}memory but the context has none`);
    return m;
  }

  realloc(side?: Side): E.Expression {
    const r = side ? this.ctx.sides?.[side]?.realloc : this.ctx.realloc;
    if (!r) throw new Error(`emit: the plan uses ${side ? `the ${side}'s ` : ''}realloc but the context has none`);
    return r;
  }

  /** The path of a host value as a string expression (`'arg 1[' + i + '] .name'`). */
  path(path: Path): E.Expression {
    const parts: (string | E.Expression)[] = [];
    for (const p of path) {
      if ('arg' in p) parts.push(`arg ${p.arg}`);
      else if ('returned' in p) parts.push('result');
      else if ('field' in p) parts.push(` .${lowerCamelCase(p.field)}`);
      else if ('payload' in p) parts.push(' .value');
      else if ('thrown' in p) parts.push(' .payload');
      else if (!p.dynamic) parts.push(`[${p.index}]`);
      else parts.push('[', this.ref(p.index), ']');
    }
    // merge adjacent text, then join with +
    const merged: (string | E.Expression)[] = [];
    for (const x of parts) {
      const last = merged[merged.length - 1];
      if (typeof x === 'string' && typeof last === 'string') merged[merged.length - 1] = last + x;
      else merged.push(x);
    }
    const exprs = merged.map((x) => (typeof x === 'string' ? b.lit(x) : x));
    return exprs.reduce((acc, e) => b.binary('+', acc, e));
  }

  /** `throw typeError(code, path, value, detail?)` */
  typeError(code: string, path: Path, value: E.Expression, detail?: string | number): E.ThrowStatement {
    const args = [b.lit(code), this.path(path), value];
    if (detail !== undefined) args.push(b.lit(detail));
    return b.throwStmt(this.run('typeError', ...args));
  }

  /** `trap(code)` as an expression */
  trap(code: string): E.CallExpression {
    return this.run('trap', b.lit(code));
  }
}

function isAtom(e: E.Expression): boolean {
  return (
    e.type === 'Identifier' ||
    e.type === 'Literal' ||
    (e.type === 'UnaryExpression' && (e.argument.type === 'Literal' || e.operator === 'void'))
  );
}
