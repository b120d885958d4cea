/**
 * A command's own exit status: `canonjs run` exits with the guest's code,
 * which `runCli` returns instead of 0 when a command has set one.
 */
let pending: number | undefined;

export function setExitStatus(code: number): void {
  pending = code;
}

/** The status set during this CLI call, cleared for the next one. */
export function takeExitStatus(): number | undefined {
  const code = pending;
  pending = undefined;
  return code;
}
