/**
 * The Design form as data: one node per spec field, generated from the kind's JSON Schema, its
 * field docs (label, symbol, unit, help) and the current draft (which union variant is chosen).
 * Components only render these nodes.
 */
import type { FieldDoc } from '../../src-shared/experiments/types';
import { discriminatedVariants, isRecord, normalise, properties, variantFor, type JsonSchema } from './schema';

export interface NumberBounds {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

interface NodeBase {
  /** Dotted path of the value ("source.modeCount"); a union's select edits `${path}.type`. */
  readonly path: string;
  readonly key: string;
  readonly label: string;
  readonly symbol?: string;
  readonly unit?: string;
  readonly help: string;
  readonly required: boolean;
  readonly defaultValue?: unknown;
}

export type FormNode =
  | (NodeBase & { readonly type: 'number'; readonly integer: boolean; readonly bounds: NumberBounds })
  | (NodeBase & { readonly type: 'number-list'; readonly integer: boolean; readonly bounds: NumberBounds; readonly minItems?: number; readonly maxItems?: number })
  | (NodeBase & { readonly type: 'enum'; readonly options: readonly string[] })
  | (NodeBase & { readonly type: 'text' })
  | (NodeBase & { readonly type: 'boolean' })
  | (NodeBase & { readonly type: 'json' })
  | (NodeBase & { readonly type: 'object'; readonly children: readonly FormNode[] })
  | (NodeBase & { readonly type: 'union'; readonly options: readonly string[]; readonly selected: string | null; readonly children: readonly FormNode[] });

/**
 * The symbol to print after a field's label, without repeating the label: none when they are the
 * same ("λ₁" and "λ₁"), the rest when the symbol starts with the label ("λ₂" and "λ₂ = λ_>" → "= λ_>").
 */
export function shownSymbol(label: string | undefined, symbol: string | undefined): string | null {
  const s = symbol?.trim();
  if (!s) return null;
  const l = label?.trim() ?? '';
  if (s === l) return null;
  if (l && s.startsWith(`${l} `)) return s.slice(l.length).trim() || null;
  return s;
}

/** "modeCount" → "Mode count". */
export function humanise(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function bounds(schema: JsonSchema): NumberBounds {
  const pick = (k: string) => (typeof schema[k] === 'number' ? (schema[k] as number) : undefined);
  return { minimum: pick('minimum'), maximum: pick('maximum'), exclusiveMinimum: pick('exclusiveMinimum'), exclusiveMaximum: pick('exclusiveMaximum') };
}

function doc(docs: Readonly<Record<string, FieldDoc>>, ...paths: string[]): Partial<FieldDoc> {
  for (const p of paths) if (docs[p]) return docs[p];
  return {};
}

function schemaTypes(schema: JsonSchema): string[] {
  const t = schema.type;
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string' && x !== 'null') : typeof t === 'string' ? [t] : [];
}

function buildNode(key: string, path: string, rawSchema: JsonSchema, root: JsonSchema, value: unknown, required: boolean, docs: Readonly<Record<string, FieldDoc>>): FormNode | null {
  const variants = discriminatedVariants(rawSchema, root);
  if (variants) {
    const d = doc(docs, `${path}.type`, path);
    const variant = variantFor(variants, value);
    return {
      type: 'union',
      path,
      key,
      label: d.label ?? humanise(key),
      symbol: d.symbol,
      unit: d.unit,
      help: d.help ?? '',
      required,
      options: variants.map((v) => v.value),
      selected: variant?.value ?? null,
      children: variant ? buildChildren(variant.schema, root, value, path, docs, ['type']) : [],
    };
  }
  const schema = normalise(rawSchema, root);
  if (schema.const !== undefined) return null; // fixed value: nothing to edit
  const d = doc(docs, path);
  const base = { path, key, label: d.label ?? humanise(key), symbol: d.symbol, unit: d.unit, help: d.help ?? '', required, defaultValue: schema.default };
  const types = schemaTypes(schema);
  if (types.includes('object') && Object.keys(properties(schema)).length) {
    return { ...base, type: 'object', children: buildChildren(schema, root, value, path, docs, []) };
  }
  if (types.includes('number') || types.includes('integer')) {
    return { ...base, type: 'number', integer: types.includes('integer') && !types.includes('number'), bounds: bounds(schema) };
  }
  if (types.includes('array') && isRecord(schema.items)) {
    const items = normalise(schema.items as JsonSchema, root);
    const itemTypes = schemaTypes(items);
    if (itemTypes.includes('number') || itemTypes.includes('integer')) {
      return {
        ...base,
        type: 'number-list',
        integer: itemTypes.includes('integer') && !itemTypes.includes('number'),
        bounds: bounds(items),
        minItems: typeof schema.minItems === 'number' ? schema.minItems : undefined,
        maxItems: typeof schema.maxItems === 'number' ? schema.maxItems : undefined,
      };
    }
    return { ...base, type: 'json' };
  }
  if (Array.isArray(schema.enum) && schema.enum.every((e) => typeof e === 'string')) {
    return { ...base, type: 'enum', options: schema.enum as string[] };
  }
  if (types.includes('string')) return { ...base, type: 'text' };
  if (types.includes('boolean')) return { ...base, type: 'boolean' };
  return { ...base, type: 'json' };
}

function buildChildren(schema: JsonSchema, root: JsonSchema, value: unknown, prefix: string, docs: Readonly<Record<string, FieldDoc>>, skip: readonly string[]): FormNode[] {
  const norm = normalise(schema, root);
  const required = new Set(Array.isArray(norm.required) ? (norm.required as string[]) : []);
  const out: FormNode[] = [];
  for (const [key, propSchema] of Object.entries(properties(norm))) {
    if (skip.includes(key)) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    const child = buildNode(key, path, propSchema, root, isRecord(value) ? value[key] : undefined, required.has(key), docs);
    if (child) out.push(child);
  }
  return out;
}

/** The form of a spec: the root object's fields, in schema order. */
export function buildForm(jsonSchema: JsonSchema, draft: unknown, docs: Readonly<Record<string, FieldDoc>>): FormNode[] {
  return buildChildren(jsonSchema, jsonSchema, draft, '', docs, []);
}

/** Every node, depth first. */
export function* walk(nodes: readonly FormNode[]): Generator<FormNode> {
  for (const node of nodes) {
    yield node;
    if (node.type === 'object' || node.type === 'union') yield* walk(node.children);
  }
}

/** Paths at which an issue can be shown: each field; a union shows at `${path}.type`. */
export function fieldPaths(nodes: readonly FormNode[]): Set<string> {
  const out = new Set<string>();
  for (const node of walk(nodes)) {
    if (node.type === 'union') out.add(`${node.path}.type`);
    else if (node.type !== 'object') out.add(node.path);
  }
  return out;
}

/**
 * The field an issue belongs to: the same path, else its nearest ancestor that is a field
 * ("sampleCounts.2" → "sampleCounts"; "source" → "source.type" for a union). null when none.
 */
export function placeIssue(issuePath: string, fields: ReadonlySet<string>): string | null {
  if (fields.has(issuePath)) return issuePath;
  if (issuePath && fields.has(`${issuePath}.type`)) return `${issuePath}.type`;
  const parts = issuePath.split('.');
  while (parts.length > 1) {
    parts.pop();
    const p = parts.join('.');
    if (fields.has(p)) return p;
    if (fields.has(`${p}.type`)) return `${p}.type`;
  }
  return null;
}
