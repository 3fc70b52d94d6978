/**
 * Turns `rgwb run`'s first argument into a kind + spec: a preset name, or a JSON spec file
 * `{ "kind": "rg-flow", "name"?: "...", "tags"?: [...], "spec": { ... } }`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { allPresets, findKind, findPreset } from '../../src-shared/experiments/registry';
import { parseAssignment, setAtPath, SpecAssignmentError } from '../../src-shared/experiments/spec-edit';
import { CliError } from './errors';

export interface SpecInput {
  readonly kind: string;
  readonly spec: Record<string, unknown>;
  readonly name?: string;
  readonly tags: readonly string[];
  /** Where it came from, e.g. "preset toy-theory" or "file examples/x.json". */
  readonly origin: string;
}

/** The top-level fields of a spec file. */
const SPEC_FILE_FIELDS = ['kind', 'name', 'tags', 'spec'];

export function loadSpecInput(ref: string): SpecInput {
  const preset = findPreset(ref);
  if (preset) {
    return {
      kind: preset.kind,
      spec: structuredClone(preset.preset.spec) as Record<string, unknown>,
      name: preset.preset.name,
      tags: [],
      origin: `preset ${ref}`,
    };
  }
  const looksLikeFile = ref.endsWith('.json') || ref.includes('/') || ref.includes('\\');
  if (!existsSync(ref)) {
    if (looksLikeFile) throw new CliError(`spec file not found: ${ref}`);
    const kind = findKind(ref);
    if (kind) return { kind: kind.kind, spec: {}, tags: [], origin: `defaults of ${ref}` };
    const names = allPresets().map((p) => p.preset.name);
    throw new CliError(`unknown preset or file "${ref}" (presets: ${names.join(', ')}; run \`rgwb presets\`)`);
  }
  if (statSync(ref).isDirectory()) throw new CliError(`${ref} is a folder, not a spec file`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(ref, 'utf8'));
  } catch (error) {
    throw new CliError(`${ref} is not valid JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CliError(`${ref}: expected a JSON object {"kind": ..., "spec": {...}}`);
  }
  const doc = parsed as Record<string, unknown>;
  const unknown = Object.keys(doc).filter((key) => !SPEC_FILE_FIELDS.includes(key));
  if (unknown.length > 0) {
    throw new CliError(`${ref}: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} (a spec file has ${SPEC_FILE_FIELDS.map((k) => `"${k}"`).join(', ')}; experiment fields go under "spec")`);
  }
  if (doc.name !== undefined && typeof doc.name !== 'string') throw new CliError(`${ref}: "name" must be a string`);
  if (doc.tags !== undefined && !(Array.isArray(doc.tags) && doc.tags.every((t) => typeof t === 'string'))) {
    throw new CliError(`${ref}: "tags" must be a list of strings`);
  }
  if (typeof doc.kind !== 'string') throw new CliError(`${ref}: missing "kind" (one of the experiment kinds; see \`rgwb presets\`)`);
  if (!findKind(doc.kind)) throw new CliError(`${ref}: unknown experiment kind "${doc.kind}"`);
  const spec = doc.spec ?? {};
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw new CliError(`${ref}: "spec" must be an object`);
  const tags = (doc.tags as string[] | undefined) ?? [];
  return {
    kind: doc.kind,
    spec: spec as Record<string, unknown>,
    name: typeof doc.name === 'string' ? doc.name : undefined,
    tags,
    origin: `file ${ref}`,
  };
}

/** Applies every `--set path=value` in order. */
export function applyAssignments(spec: Record<string, unknown>, assignments: readonly string[]): Record<string, unknown> {
  let current = spec;
  for (const text of assignments) {
    try {
      const { path, value } = parseAssignment(text);
      current = setAtPath(current, path, value);
    } catch (error) {
      if (error instanceof SpecAssignmentError) throw new CliError(error.message);
      throw error;
    }
  }
  return current;
}
