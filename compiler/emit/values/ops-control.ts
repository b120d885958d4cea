/** Sources, calls, exits and structured control (match, switch, loop). */
import type { CaseBlock, Var } from '../../abi/instructions.js';
import * as b from '../builders.js';
import type { E } from '../builders.js';
import type { FnEmitter, Handlers } from './emitter.js';
import { isTaggedOption } from '../../abi/host-shape.js';
import { caseTag } from './ops-host.js';

type Pick<K extends keyof Handlers> = { [P in K]: Handlers[P] };

/** A case clause; its statements go in a block when they declare names (case clauses share a scope). */
function clause(test: E.Expression | null, body: E.Statement[]): E.SwitchCase {
  const declares = body.some((s) => s.type === 'VariableDeclaration');
  return b.switchCase(test, declares ? [b.block([...body, b.brk()])] : [...body, b.brk()]);
}

/** `if`, without empty branches. */
function ifElse(test: E.Expression, yes: E.Statement[], no: E.Statement[]): E.Statement[] {
  if (!yes.length && !no.length) return [];
  if (!yes.length) return [b.ifStmt(negate(test), no)];
  return [b.ifStmt(test, yes, no.length ? no : undefined)];
}

function negate(test: E.Expression): E.Expression {
  if (test.type === 'BinaryExpression') {
    const flip: Partial<Record<E.BinaryOperator, E.BinaryOperator>> = { '==': '!=', '!=': '==', '===': '!==', '!==': '===' };
    const op = flip[test.operator];
    if (op) return b.binary(op, test.left as E.Expression, test.right);
  }
  return b.not(test);
}

/** `let d0, d1;` for the join results of a match/switch. */
function declareJoin(em: FnEmitter, dsts: Var[]): void {
  if (!dsts.length) return;
  em.push(b.letDecl(...dsts.map((d) => em.nameOf(d, 'j'))));
  dsts.forEach((d) => em.alias(d, b.id(em.nameOf(d, 'j'))));
}

/** The statements of one case: its body, then the join assignments. */
function caseBody(em: FnEmitter, c: CaseBlock, dsts: Var[], bindPayload?: () => void): E.Statement[] {
  return em.block(c.body, () => {
    bindPayload?.();
    c.yields.forEach((y, k) => em.push(b.expr(b.assign(em.nameOf(dsts[k]!, 'j'), em.ref(y)))));
  });
}

export const controlOps: Pick<
  'arg' | 'param' | 'enter' | 'exit' | 'call-core' | 'post-return' | 'call-host' | 'return' | 'return-or-throw' |
  'match' | 'switch' | 'loop'
> = {
  arg(em, i) {
    em.alias(i.dst, b.id(`a${i.index}`));
  },
  param(em, i) {
    em.alias(i.dst, b.id(`p${i.index}`));
  },
  enter(em) {
    em.push(...(em.ctx.enter?.() ?? []));
  },
  exit(em) {
    em.push(...(em.ctx.exit?.() ?? []));
  },
  'call-core'(em, i) {
    const call = b.call(em.ctx.callee, ...i.args.map((a) => em.ref(a)));
    if (i.dst === null) em.push(b.expr(call));
    else em.bind(i.dst, call, 'ret');
  },
  'post-return'(em, i) {
    if (!em.ctx.postReturn) throw new Error('emit: the plan calls post-return but the context has none');
    em.push(b.expr(b.call(em.ctx.postReturn, ...i.args.map((a) => em.ref(a)))));
  },
  'call-host'(em, i) {
    const call = b.call(em.ctx.callee, ...i.args.map((a) => em.ref(a)));
    if (i.disc === undefined) {
      if (i.dst === null) em.push(b.expr(call));
      else em.bind(i.dst, call, 'ret');
      return;
    }
    // result<T,E>: a return is ok(T); a thrown ComponentError (or a thrown
    // non-Error value, jco's convention) is err(payload); an Error propagates (a trap)
    const d = em.nameOf(i.disc, 'isErr');
    const v = em.nameOf(i.dst!, 'ret');
    em.push(b.letDecl([d, b.lit(0)], v));
    em.push(b.tryStmt([b.expr(b.assign(v, call))], 'e', [
      b.expr(b.assign(v, em.run('hostErrorPayload', b.id('e')))),
      b.expr(b.assign(d, b.lit(1))),
    ]));
    em.alias(i.disc, b.id(d));
    em.alias(i.dst!, b.id(v));
  },
  return(em, i) {
    // the last instruction: a bare `return` is left out
    if (i.src !== null) em.push(b.ret(em.ref(i.src)));
  },
  'return-or-throw'(em, i) {
    const value = i.src === null ? b.undef() : em.refId(i.src);
    const failed = b.binary('!==', em.ref(i.disc), b.lit(0));
    if (em.ctx.returnOrThrow) return em.push(...em.ctx.returnOrThrow(failed, value));
    const err = b.newExpr(em.helper('ComponentError'), value);
    em.push(b.ifStmt(failed, b.throwStmt(err)), b.ret(value));
  },
  match(em, i) {
    declareJoin(em, i.dsts);
    const x = em.refId(i.src);
    const t = i.type;
    const bindPayload = (c: CaseBlock) => () => {
      if (c.payload === null) return;
      if (t.kind === 'option' && !isTaggedOption(t)) em.alias(c.payload, x);
      else {
        // `{ tag, value }`; jco's `{ tag, val }` is accepted too (preview2-shim answers so):
        // `value` is read once, and `in` asked only when it is undefined
        const pay = em.nameOf(c.payload, 'pay');
        const absent = b.logical('&&', b.binary('===', b.id(pay), b.undef()), b.not(b.binary('in', b.lit('value'), x)));
        em.push(b.letDecl([pay, b.member(x, 'value')]), b.ifStmt(absent, b.expr(b.assign(pay, b.member(x, 'val')))));
        em.alias(c.payload, b.id(pay));
      }
    };
    // payloads are bound at the start of each case, before its body
    const body = (c: CaseBlock) => {
      const stmts = em.block([], bindPayload(c));
      return [...stmts, ...caseBody(em, c, i.dsts)];
    };
    if (t.kind === 'option' && !isTaggedOption(t)) {
      // T | undefined (null accepted too)
      const [none, some] = i.cases as [CaseBlock, CaseBlock];
      em.push(...ifElse(b.binary('==', x, b.lit(null)), body(none), body(some)));
      return;
    }
    // { tag, value }; a tagged option also takes undefined/null as none
    const tag = t.kind === 'option'
      ? b.cond(b.binary('==', x, b.lit(null)), b.lit('none'), b.member(x, 'tag'))
      : i.path ? { type: 'ChainExpression', expression: { ...b.member(x, 'tag'), optional: true } } as E.ChainExpression
      : b.member(x, 'tag');
    const cases = i.cases.map((c) => clause(b.lit(caseTag(t, c.index)), body(c)));
    if (i.path) {
      const code = t.kind === 'result' ? 'type/result' : t.kind === 'option' ? 'type/option-tagged' : 'type/variant';
      const names = i.cases.map((c) => `'${caseTag(t, c.index)}'`).join(', ');
      cases.push(b.switchCase(null, [em.typeError(code, i.path, x, code === 'type/variant' ? names : undefined)]));
    }
    em.push(b.switchStmt(tag, cases));
  },
  switch(em, i) {
    declareJoin(em, i.dsts);
    const on = em.ref(i.on); // evaluated once either way
    if (i.exhaustive && i.cases.length === 2) {
      const [c0, c1] = i.cases as [CaseBlock, CaseBlock];
      em.push(...ifElse(b.binary('===', on, b.lit(0)), caseBody(em, c0, i.dsts), caseBody(em, c1, i.dsts)));
      return;
    }
    const cases = i.cases.map((c) => clause(b.lit(c.index), caseBody(em, c, i.dsts)));
    if (!i.exhaustive) cases.push(b.switchCase(null, [b.expr(em.trap('trap/invalid-discriminant'))]));
    em.push(b.switchStmt(on, cases));
  },
  loop(em, i) {
    const index = em.nameOf(i.index, 'i');
    const count = em.ref(i.count);
    em.alias(i.index, b.id(index));
    em.push(b.forCount(index, count, em.block(i.body)));
  },
};
