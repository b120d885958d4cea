/**
 * Runs conformance scripts: every directive becomes a case with a stable id
 * `<file>:<line>:<kind>` and an outcome. Static directives (components,
 * assert_invalid, assert_malformed) are decided here; instantiation and
 * actions go to the `Executor`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { decodeComponent } from '../../compiler/binary/decode.js';
import { classify } from '../../compiler/analyze/features.js';
import type { Feature } from '../../compiler/binary/opcodes.js';
import { CompileError } from '../../compiler/errors/index.js';
import { validateComponent } from '../../compiler/types/validate.js';
import { toBinary } from './convert.js';
import { notRunYet, type ExecOutcome, type Executor, type InstanceRecord, type Prepared, type Rejection, type Session } from './execute.js';
import { readWast, type Directive, type DirectiveKind, type ModuleForm } from './wast.js';

export type CaseStatus = 'passed' | 'failed' | 'not-run';

export interface CaseResult {
  /** `<file relative to the suite>:<line>:<directive kind>` (with `#n` if a line holds several) */
  id: string;
  file: string;
  line: number;
  kind: DirectiveKind;
  status: CaseStatus;
  /** why it failed or did not run; for passes, how (e.g. the rejecting stage) */
  detail: string;
  /** assert_malformed / assert_invalid: the suite's expected message and what we said */
  rejection?: { expected: string; got: Rejection | null };
  /** the union of feature gates of the components the case involves */
  features: Feature[];
}

export interface RunOptions {
  suiteDir: string;
  /** a regular expression matched against each file's path relative to the suite */
  filter?: string;
  executor?: Executor;
}

/** Every `.wast` under `dir`, as sorted paths relative to it with `/` separators. */
export function listScripts(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.wast') ? [join(d, e.name)] : [],
    );
  return walk(dir)
    .map((p) => relative(dir, p).split(sep).join('/'))
    .sort();
}

export function fileMatcher(filter: string | undefined): (file: string) => boolean {
  if (!filter) return () => true;
  const re = new RegExp(filter);
  return (file) => re.test(file);
}

export async function runSuite(opts: RunOptions): Promise<CaseResult[]> {
  const matches = fileMatcher(opts.filter);
  const results: CaseResult[] = [];
  // conversion and decoding are synchronous work on one thread: files run one after another
  for (const file of listScripts(opts.suiteDir).filter(matches)) {
    results.push(...(await runScript(join(opts.suiteDir, file), file, opts.executor ?? notRunYet)));
  }
  return results;
}

export async function runScript(path: string, file: string, executor: Executor = notRunYet): Promise<CaseResult[]> {
  const session: Session = { file, definitions: new Map(), instances: new Map(), registered: new Map() };
  const out: CaseResult[] = [];
  const seen = new Map<string, number>();
  for (const d of readWast(readFileSync(path, 'utf8'))) {
    const base = `${file}:${d.line}:${d.kind}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const r = await runDirective(d, session, executor);
    out.push({ id: n === 1 ? base : `${base}#${n}`, file, line: d.line, kind: d.kind, ...r, features: [...r.features].sort() });
  }
  return out;
}

type Outcome = Omit<CaseResult, 'id' | 'file' | 'line' | 'kind' | 'features'> & { features: Set<Feature> };

async function runDirective(d: Directive, session: Session, executor: Executor): Promise<Outcome> {
  switch (d.kind) {
    case 'component':
    case 'definition': {
      const p = await prepare(d.module);
      if (d.module.name) session.definitions.set(d.module.name, p);
      const outcome = positive(p);
      if (d.kind === 'definition') return outcome;
      return instantiate(enter(session, d.module.name, p), session, executor, outcome);
    }
    case 'instance': {
      const def = session.definitions.get(d.definition);
      if (!def) return { status: 'failed', detail: `no definition named ${d.definition}`, features: new Set() };
      const inst = enter(session, d.name, def);
      if (def.rejection) return { status: 'failed', detail: `blocked: definition ${d.definition} did not validate`, features: def.features };
      const outcome: Outcome = { status: 'passed', detail: `instance of ${d.definition}`, features: def.features };
      return instantiate(inst, session, executor, outcome);
    }
    case 'module':
      return { status: 'not-run', detail: 'not-run-yet: core module script directive', features: new Set() };
    case 'assert_malformed':
    case 'assert_invalid': {
      const p = await prepare(d.module);
      return { ...rejected(d.kind, p), rejection: { expected: d.message, got: p.rejection ?? null } };
    }
    case 'assert_unlinkable':
    case 'assert_trap': {
      // the component of a module-level trap or link failure is still valid: check that much here
      const form = d.kind === 'assert_unlinkable' ? d.module : d.action.kind === 'invoke' ? undefined : d.action;
      if (form) {
        const p = await prepare(form);
        const outcome = positive(p);
        if (outcome.status !== 'passed') return outcome;
        return { ...(await act(d, session, executor)), features: p.features };
      }
      return act(d, session, executor);
    }
    case 'register':
    case 'invoke':
    case 'assert_return':
    case 'assert_exhaustion':
      return act(d, session, executor);
    case 'unknown':
      return { status: 'failed', detail: `unreadable directive (${d.head}): ${d.error}`, features: new Set() };
  }
}

/**
 * A new instance becomes the target of the actions that follow, even when its
 * component was rejected: those actions are then blocked, never run against
 * an older instance.
 */
function enter(session: Session, name: string | undefined, definition: Prepared): InstanceRecord {
  const inst: InstanceRecord = { ...(name ? { name } : {}), definition };
  session.current = inst;
  if (name) session.instances.set(name, inst);
  return inst;
}

/** Instantiates a validated component; `outcome` is its static result. */
async function instantiate(inst: InstanceRecord, session: Session, executor: Executor, outcome: Outcome): Promise<Outcome> {
  if (outcome.status !== 'passed') return outcome;
  const r = await executor.instantiate(inst, session);
  if (r.status === 'failed') return { ...outcome, status: 'failed', detail: `instantiation: ${r.detail}` };
  return { ...outcome, detail: r.status === 'passed' ? `${outcome.detail}; instantiated` : `${outcome.detail}; not instantiated: ${r.detail}` };
}

/** Actions run against the named instance or the current one; their features are that instance's. */
async function act(d: Parameters<Executor['run']>[0], session: Session, executor: Executor): Promise<Outcome> {
  const action = 'action' in d && d.action.kind === 'invoke' ? d.action : undefined;
  const target = d.kind === 'register' ? d.instance : action?.instance;
  const inst = target ? session.instances.get(target) : session.current;
  const features = inst?.definition.features ?? new Set<Feature>();
  if (!inst && (action || d.kind === 'register')) {
    return { status: 'failed', detail: target ? `no instance named ${target}` : 'no current instance', features };
  }
  if (inst?.definition.rejection) {
    const why = positive(inst.definition).detail;
    return { status: 'failed', detail: `blocked: its component (line ${inst.definition.form.line}) did not validate: ${why}`, features };
  }
  const r: ExecOutcome = await executor.run(d, session);
  return { status: r.status, detail: r.detail ?? '', features };
}

/** A positive component must convert, decode and validate. */
function positive(p: Prepared): Outcome {
  const rej = p.rejection;
  if (!rej) return { status: 'passed', detail: 'decoded and validated', features: p.features };
  if (rej.stage === 'text') return { status: 'failed', detail: `converter-blocked: ${rej.message}`, features: p.features };
  return { status: 'failed', detail: `rejected: ${describe(rej)}`, features: p.features };
}

/**
 * assert_malformed must be rejected by the decoder (or, for `quote` text, by
 * the text converter); assert_invalid must decode and be rejected by the
 * validator. A rejection at the wrong stage is a failure: the wrong reason.
 */
function rejected(kind: 'assert_malformed' | 'assert_invalid', p: Prepared): Outcome {
  const rej = p.rejection;
  const features = p.features;
  const want = kind === 'assert_malformed' ? 'decode' : 'validate';
  if (!rej) return { status: 'failed', detail: 'accepted: decoded and validated', features };
  if (rej.stage === want) return { status: 'passed', detail: `rejected at ${rej.stage}: ${rej.code}`, features };
  if (rej.stage === 'text') {
    return p.form.source.form === 'quote' && kind === 'assert_malformed'
      ? { status: 'passed', detail: 'rejected at text', features }
      : { status: 'failed', detail: `converter-blocked: ${rej.message}`, features };
  }
  if (rej.stage === 'crash') return { status: 'failed', detail: `crash: ${rej.message}`, features };
  return { status: 'failed', detail: `wrong stage: rejected at ${rej.stage} (${describe(rej)}), expected ${want}`, features };
}

function describe(r: Rejection): string {
  return r.code ? `${r.code}: ${r.message}` : r.message;
}

/** Convert, decode, classify and validate one module form, stopping at the first rejection. */
export async function prepare(form: ModuleForm): Promise<Prepared> {
  const features = new Set<Feature>();
  const conv = await toBinary(form);
  if (!conv.ok) return { form, features, rejection: { stage: 'text', message: conv.message } };
  const p: Prepared = { form, bytes: conv.bytes, features };
  try {
    p.component = decodeComponent(conv.bytes);
  } catch (e) {
    return { ...p, rejection: rejectionOf(e) };
  }
  try {
    for (const f of classify(p.component!)) features.add(f);
  } catch (e) {
    return { ...p, rejection: { ...rejectionOf(e), message: `feature classifier: ${rejectionOf(e).message}` } };
  }
  try {
    // The suite runs with the wasmtime flags its README lists: no 🪺 nested
    // names and no 🔗 version suffixes, which it expects to be rejected.
    p.info = validateComponent(p.component, { features: new Set() });
  } catch (e) {
    return { ...p, rejection: rejectionOf(e) };
  }
  return p;
}

export function rejectionOf(e: unknown): Rejection {
  if (e instanceof CompileError) {
    return { stage: e.stage, code: e.code, message: e.message, ...(e.offset === undefined ? {} : { offset: e.offset }) };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return { stage: 'crash', message: `${err.name}: ${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1, 4).join('\n')}` : ''}` };
}
