/** Errors after validation: linking, code generation, CLI use. */
export const COMPILE_ERRORS = {
  'compile/unsupported': (feature: string) => `not supported yet: ${feature}`,
  'compile/bad-option': (option: string, detail: string) => `bad compile option ${option}: ${detail}`,
  'compile/no-provider': (name: string, offer: string) => `no provider for import ${name}: ${offer}`,
  'compile/ambiguous-map': (name: string, a: string, b: string) =>
    `import ${name} matches the --map entries ${a} and ${b} equally well; make one of them more specific`,
  'compile/ambiguous-import': (a: string, b: string, provider: string) =>
    `imports ${a} and ${b} are incompatible versions of one interface but both resolve to ${provider}, so they cannot be told apart; give each its own versioned --map entry`,
  'compile/transform-failed': (pass: string, detail: string) => `the ${pass} transform failed: ${detail}`,
  'cli/bad-arguments': (detail: string) => `bad arguments: ${detail}`,
  'cli/io': (detail: string) => detail,
  'cli/not-a-command': (file: string, exports: string) =>
    `${file} is not a command component: it does not export wasi:cli/run@0.2.x (its exports: ${exports})`,
  'cli/run-no-provider': (name: string) =>
    `nothing on the host serves import ${name}: canonjs run provides WASI 0.2 (through @bytecodealliance/preview2-shim); serve it with --map ${name}=<module>[#export]`,
} as const;
