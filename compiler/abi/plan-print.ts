/** A readable listing of an ABI plan, for tests, debugging and `inspect`. */
import type { FuncPlan, Instr, Path } from './instructions.js';

const v = (n: number | null | undefined): string => (n === null || n === undefined ? '_' : `v${n}`);
const vs = (ns: readonly number[]): string => ns.map(v).join(', ');

export function formatPath(path: Path): string {
  return path
    .map((p) => {
      if ('arg' in p) return `arg ${p.arg}`;
      if ('returned' in p) return 'result';
      if ('field' in p) return ` .${p.field}`;
      if ('index' in p) return p.dynamic ? `[${v(p.index)}]` : `[${p.index}]`;
      if ('payload' in p) return ' .value';
      return ' .payload';
    })
    .join('');
}

function operands(i: Instr): string {
  switch (i.op) {
    case 'arg': case 'param':
      return `#${i.index}`;
    case 'const':
      return i.value === null ? 'none' : typeof i.value === 'bigint' ? `${i.value}n` : `${i.value}`;
    case 'call-core': case 'post-return': case 'call-host':
      return `(${vs(i.args)})${'disc' in i && i.disc !== undefined ? ` disc ${v(i.disc)}` : ''}`;
    case 'return':
      return v(i.src);
    case 'return-or-throw':
      return `${v(i.disc)} ${v(i.src)}`;
    case 'load':
      return `${i.kind} ${v(i.ptr)}+${i.offset}`;
    case 'store':
      return `${i.kind} ${v(i.ptr)}+${i.offset} ← ${v(i.src)}`;
    case 'alloc':
      return `${i.mem ? `${i.mem} ` : ''}align ${i.align} size ${v(i.size)}`;
    case 'check-ptr':
      return `${v(i.ptr)} align ${i.align} size ${i.size}`;
    case 'check-list':
      return `${v(i.ptr)} len ${v(i.len)} × ${i.elemSize} align ${i.align}`;
    case 'addr':
      return `${i.base === null ? '' : `${v(i.base)} + `}${v(i.index)} × ${i.scale}`;
    case 'conv':
      return `${i.conv} ${v(i.src)}`;
    case 'check':
      return `${i.check.is} ${v(i.src)} @ ${formatPath(i.path)}`;
    case 'lift-string': case 'lift-numbers':
      return `${v(i.ptr)} ${v(i.len)}${'elem' in i ? ` ${i.elem}` : ''}`;
    case 'lower-string':
      return `${v(i.src)} → ${v(i.ptr)}, ${v(i.len)}`;
    case 'lower-numbers':
      return `${v(i.src)} ${i.elem} → ${v(i.ptr)}`;
    case 'view':
      return i.mem ?? '';
    case 'copy-string':
      return `${i.from}:${i.fromEnc} ${v(i.ptr)} ${v(i.len)} → ${i.to}:${i.toEnc} ${v(i.outPtr)}, ${v(i.outLen)}`;
    case 'copy-list':
      return `${i.from} ${v(i.ptr)} len ${v(i.len)} × ${i.elemSize} align ${i.align} → ${i.to}`;
    case 'check-disc':
      return `${v(i.src)} < ${i.count}`;
    case 'mask':
      return `${v(i.src)} & ${i.bits} bits`;
    case 'move-handle':
      return `${i.type.kind} ${v(i.src)} → ${i.to}`;
    case 'field':
      return `${v(i.src)} #${i.index}`;
    case 'item':
      return `${v(i.src)}[${v(i.index)}]`;
    case 'length': case 'make-char': case 'make-flags': case 'enum-name': case 'lift-handle': case 'lower-handle':
      return v(i.src);
    case 'host-list': case 'char-code': case 'enum-index': case 'flags-bits':
      return `${v(i.src)}${i.path ? ` @ ${formatPath(i.path)}` : ''}`;
    case 'make-record':
      return `{${vs(i.fields)}}`;
    case 'make-case':
      return `#${i.index} ${v(i.payload)}`;
    case 'new-list':
      return `${i.type.kind} ${v(i.len)}`;
    case 'list-set':
      return `${v(i.list)}[${v(i.index)}] ← ${v(i.src)}`;
    case 'map-set':
      return `${v(i.map)}[${v(i.key)}] ← ${v(i.value)}`;
    default:
      return '';
  }
}

function lines(body: readonly Instr[], indent: string, out: string[]): void {
  for (const i of body) {
    const dst = 'dst' in i && i.dst !== null ? `${v(i.dst)} = ` : 'dsts' in i && i.dsts.length ? `${vs(i.dsts)} = ` : '';
    switch (i.op) {
      case 'match': case 'switch': {
        const on = i.op === 'match' ? `${v(i.src)} ${i.type.kind}${i.path ? ` @ ${formatPath(i.path)}` : ''}` : v(i.on);
        out.push(`${indent}${dst}${i.op} ${on}`);
        for (const c of i.cases) {
          out.push(`${indent}  case ${c.index}${c.payload !== null ? ` (${v(c.payload)})` : ''}:`);
          lines(c.body, indent + '    ', out);
          if (c.yields.length) out.push(`${indent}    yield ${vs(c.yields)}`);
        }
        break;
      }
      case 'loop':
        out.push(`${indent}loop ${v(i.index)} < ${v(i.count)}`);
        lines(i.body, indent + '  ', out);
        break;
      default:
        out.push(`${indent}${dst}${i.op} ${operands(i)}`.trimEnd());
    }
  }
}

export function formatPlan(plan: FuncPlan): string {
  const out = [`${plan.kind} (${plan.core.params.join(' ')}) -> (${plan.core.results.join(' ')})`];
  lines(plan.body, '  ', out);
  return out.join('\n');
}
