/**
 * The runtime declarations generated glue may reference, and the runtime
 * module (runtime/<file>.ts) each comes from. The emitter records the names
 * it uses; the module emitter includes those (inlined or imported).
 */
export const RUNTIME_HELPERS = {
  trap: 'traps',
  typeError: 'type-errors',
  ComponentError: 'component-error',
  isComponentError: 'component-error',
  memView: 'memory',
  memDataView: 'memory',
  memAlloc: 'memory',
  checkPtr: 'memory',
  checkList: 'memory',
  liftUtf8: 'strings',
  liftUtf16: 'strings',
  liftLatin1Utf16: 'strings',
  lowerUtf8: 'strings',
  lowerUtf16: 'strings',
  lowerLatin1Utf16: 'strings',
  encodedLen: 'strings',
  liftNumbers: 'lists',
  lowerNumbers: 'lists',
  badNumber: 'lists',
  numbersError: 'lists',
  hostList: 'lists',
  mapEntries: 'lists',
  flagsBits: 'scalars',
  charCode: 'scalars',
  liftChar: 'scalars',
  f32FromBits: 'scalars',
  f32ToBits: 'scalars',
  f64FromBits: 'scalars',
  f64ToBits: 'scalars',
} as const;

export type RuntimeHelper = keyof typeof RUNTIME_HELPERS;
