/** The ops of fused plans: memory to memory (strings, lists), discriminant and flags checks, handle moves. */
import type { StringEncoding } from '../../abi/instructions.js';
import * as b from '../builders.js';
import type { RuntimeHelper } from '../runtime-helpers.js';
import type { FnEmitter, Handlers } from './emitter.js';
import { fail } from '../../errors/index.js';

type Pick<K extends keyof Handlers> = { [P in K]: Handlers[P] };

const ENC_NAME: Record<StringEncoding, string> = { utf8: 'Utf8', utf16: 'Utf16', 'latin1+utf16': 'Latin1Utf16' };

/** `transcodeUtf8ToUtf16` and so on: one runtime function per pair of encodings. */
const transcoder = (from: StringEncoding, to: StringEncoding): RuntimeHelper =>
  `transcode${ENC_NAME[from]}To${ENC_NAME[to]}` as RuntimeHelper;

const hooks = (em: FnEmitter) =>
  em.ctx.fusedHandles ?? fail('compile/unsupported', undefined, 'handles in a fused cross-component call');

export const fusedOps: Pick<'copy-string' | 'copy-list' | 'check-disc' | 'mask' | 'move-handle'> = {
  'copy-string'(em, i) {
    const args = [em.memory(i.from), em.ref(i.ptr), em.ref(i.len), em.memory(i.to), em.realloc(i.to)];
    em.bind(i.outPtr, em.run(transcoder(i.fromEnc, i.toEnc), ...args), 'ptr');
    // read right away: the next copy-string overwrites it
    em.bind(i.outLen, em.helper('transcodedLen'), 'len');
  },
  'copy-list'(em, i) {
    const args = [
      em.memory(i.from), em.ref(i.ptr), em.ref(i.len), b.lit(i.elemSize), b.lit(i.align), em.memory(i.to), em.realloc(i.to),
    ];
    em.bind(i.dst, em.run('copyList', ...args), 'ptr');
  },
  'check-disc'(em, i) {
    // (x >>> 0) < count ? x : trap(...)
    const x = em.refId(i.src);
    const ok = b.binary('<', b.binary('>>>', x, b.lit(0)), b.lit(i.count));
    em.bind(i.dst, b.cond(ok, x, em.trap('trap/invalid-discriminant')), 'disc');
  },
  mask(em, i) {
    em.bind(i.dst, b.binary('&', em.ref(i.src), b.hex(2 ** i.bits - 1)));
  },
  'move-handle'(em, i) {
    em.bind(i.dst, hooks(em).transfer(i.type, em.ref(i.src), i.to), 'h');
  },
};
