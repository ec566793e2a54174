// Two parses of differently laid-out text agree on everything but positions.

const positionKeys = new Set(['span', 'opSpan', 'nameSpan']);

export function withoutSpans(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutSpans);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (!positionKeys.has(k)) out[k] = withoutSpans(v);
  return out;
}
