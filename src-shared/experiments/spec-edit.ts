/**
 * Applies `path=value` assignments (the CLI's `--set`, the UI's form fields) to a spec object.
 * Values are JSON when they parse as JSON (numbers, booleans, arrays, objects), strings otherwise.
 */
export class SpecAssignmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpecAssignmentError';
  }
}

export function parseAssignment(text: string): { path: string[]; value: unknown } {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new SpecAssignmentError(`malformed --set "${text}": expected path=value, e.g. --set ridge=1e-3`);
  const pathText = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.([A-Za-z_][A-Za-z0-9_]*|\d+))*$/.test(pathText)) {
    throw new SpecAssignmentError(`malformed --set "${text}": "${pathText}" is not a field path like source.modeCount`);
  }
  if (raw === '') throw new SpecAssignmentError(`malformed --set "${text}": no value after "="`);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { path: pathText.split('.'), value };
}

/** Returns a deep copy of `spec` with the value at `path` replaced (intermediate objects created). */
export function setAtPath(spec: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(spec);
  let node: Record<string, unknown> | unknown[] = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const current = (node as Record<string, unknown>)[key];
    if (current === undefined || current === null || typeof current !== 'object') {
      const next: Record<string, unknown> | unknown[] = /^\d+$/.test(path[i + 1]) ? [] : {};
      (node as Record<string, unknown>)[key] = next;
      node = next;
    } else {
      node = current as Record<string, unknown>;
    }
  }
  (node as Record<string, unknown>)[path[path.length - 1]] = value;
  return copy;
}

export function getAtPath(spec: unknown, path: readonly string[]): unknown {
  let node: unknown = spec;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Flattens an object to dotted paths of its leaves (arrays are leaves), for comparisons and tables. */
export function flattenSpec(spec: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    if (prefix) out[prefix] = spec;
    return out;
  }
  for (const [key, value] of Object.entries(spec as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(out, flattenSpec(value, path));
    else out[path] = value;
  }
  return out;
}
