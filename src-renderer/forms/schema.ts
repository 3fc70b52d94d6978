/**
 * Reading the JSON Schema (draft 2020-12, as zod's toJSONSchema writes it) of an experiment spec:
 * resolve references, recognise discriminated unions on `type`, and fill defaults.
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Follows `$ref: "#/$defs/…"` (and `#/definitions/…`) against the root schema. */
export function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let node = schema;
  for (let guard = 0; guard < 32 && typeof node.$ref === 'string'; guard++) {
    const ref = node.$ref as string;
    if (!ref.startsWith('#/')) break;
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) target = isRecord(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    if (!isRecord(target)) break;
    const { $ref: _ignored, ...rest } = node;
    node = { ...target, ...rest };
  }
  return node;
}

/** The non-null alternatives of anyOf/oneOf; a nullable wrapper collapses to its one alternative. */
export function alternatives(schema: JsonSchema, root: JsonSchema): JsonSchema[] | null {
  const list = (schema.oneOf ?? schema.anyOf) as unknown;
  if (!Array.isArray(list)) return null;
  return list.filter(isRecord).map((s) => resolveRef(s, root)).filter((s) => s.type !== 'null');
}

/** A schema with wrappers removed: $ref resolved, single-alternative unions and allOf collapsed. */
export function normalise(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let node = resolveRef(schema, root);
  if (Array.isArray(node.allOf) && node.allOf.length === 1 && isRecord(node.allOf[0])) {
    const { allOf, ...rest } = node;
    node = { ...resolveRef(allOf[0] as JsonSchema, root), ...rest };
  }
  const alts = alternatives(node, root);
  if (alts && alts.length === 1) {
    const { oneOf: _o, anyOf: _a, ...rest } = node;
    node = { ...alts[0], ...rest };
  }
  return node;
}

export function properties(schema: JsonSchema): Record<string, JsonSchema> {
  return isRecord(schema.properties) ? (schema.properties as Record<string, JsonSchema>) : {};
}

export interface UnionVariant {
  readonly value: string;
  readonly schema: JsonSchema;
}

/** The variants of a union discriminated by a `type` const, or null when the schema is not one. */
export function discriminatedVariants(schema: JsonSchema, root: JsonSchema): UnionVariant[] | null {
  const alts = alternatives(resolveRef(schema, root), root);
  if (!alts || alts.length < 2) return null;
  const variants: UnionVariant[] = [];
  for (const alt of alts) {
    const typeSchema = properties(alt).type;
    const value = typeSchema ? (typeSchema.const ?? (Array.isArray(typeSchema.enum) && typeSchema.enum.length === 1 ? typeSchema.enum[0] : undefined)) : undefined;
    if (typeof value !== 'string') return null;
    variants.push({ value, schema: alt });
  }
  return variants;
}

export function variantFor(variants: readonly UnionVariant[], value: unknown): UnionVariant | undefined {
  const type = isRecord(value) ? value.type : undefined;
  return variants.find((v) => v.value === type);
}

/**
 * Fills defaults into a (partial) value, recursively: missing properties get their schema default
 * or const; unions fill the variant named by `type`. Values present are kept as they are.
 */
export function fillDefaults(schema: JsonSchema, value: unknown, root: JsonSchema = schema): unknown {
  const node = resolveRef(schema, root);
  let current = value === undefined && node.default !== undefined ? clone(node.default) : value;
  const variants = discriminatedVariants(node, root);
  if (variants) {
    const variant = variantFor(variants, current);
    return variant ? fillDefaults(variant.schema, current, root) : current;
  }
  const norm = normalise(node, root);
  if (current === undefined && norm.default !== undefined) current = clone(norm.default);
  const props = properties(norm);
  if (!isRecord(current) || Object.keys(props).length === 0) return current;
  const out: Record<string, unknown> = { ...current };
  for (const [key, propSchema] of Object.entries(props)) {
    const prop = resolveRef(propSchema, root);
    let v = out[key];
    if (v === undefined && prop.const !== undefined) v = prop.const;
    if (v === undefined && prop.default !== undefined) v = clone(prop.default);
    if (v !== undefined) out[key] = fillDefaults(prop, v, root);
  }
  return out;
}
