/**
 * Resource members in extern names (Explainer "Import and Export Definitions"):
 * `[constructor]r`, `[method]r.m`, `[static]r.s`. The printer uses this to
 * gather a resource's functions into its `resource r { … }` block.
 */
export type Member =
  | { kind: 'constructor'; resource: string }
  | { kind: 'method' | 'static'; resource: string; name: string };

export function parseMember(name: string): Member | undefined {
  const m = /^\[(constructor|method|static)\](.+)$/.exec(name);
  if (!m) return undefined;
  const [, kind, rest] = m as unknown as [string, 'constructor' | 'method' | 'static', string];
  if (kind === 'constructor') return { kind, resource: rest };
  const dot = rest.indexOf('.');
  if (dot <= 0 || dot === rest.length - 1) return undefined;
  return { kind, resource: rest.slice(0, dot), name: rest.slice(dot + 1) };
}
