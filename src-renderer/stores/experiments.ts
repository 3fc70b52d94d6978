/**
 * Design: the experiment kinds (from kinds.list), the chosen kind/preset, the draft spec being
 * edited, and its validation issues (client-side number checks at once, runs.validate debounced).
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { ApiError, type KindInfo } from '../../src-shared/api/contract';
import { setAtPath } from '../../src-shared/experiments/spec-edit';
import type { SpecIssue } from '../../src-shared/experiments/validate';
import { useApiClient } from '../api/client';
import { buildForm, fieldPaths, placeIssue } from '../forms/form-model';
import { checkDraft } from '../forms/inputs';
import { discriminatedVariants, fillDefaults, isRecord, properties, resolveRef, type JsonSchema } from '../forms/schema';
import { errorMessage } from './errors';

export const VALIDATE_DEBOUNCE_MS = 300;

/** The file format of a saved spec (the same as `rgwb run <file>` reads). */
export interface SavedSpec {
  readonly kind: string;
  readonly name?: string;
  readonly spec: Record<string, unknown>;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The sub-schema at a dotted path of values (following the draft's union choices). */
function schemaAt(root: JsonSchema, draft: unknown, path: readonly string[]): JsonSchema | null {
  let schema: JsonSchema = root;
  let value: unknown = draft;
  for (const key of path) {
    const variants = discriminatedVariants(schema, root);
    if (variants) {
      const type = isRecord(value) ? value.type : undefined;
      const v = variants.find((x) => x.value === type);
      if (!v) return null;
      schema = v.schema;
    }
    const next = properties(resolveRef(schema, root))[key];
    if (!next) return null;
    schema = next;
    value = isRecord(value) ? value[key] : undefined;
  }
  return schema;
}

export const useExperimentsStore = defineStore('experiments', () => {
  const api = useApiClient();

  const kinds = shallowRef<readonly KindInfo[]>([]);
  const loading = ref(false);
  const loadError = ref<string | null>(null);
  const kindName = ref('');
  const presetName = ref('');
  const runName = ref('');
  // Replaced on every edit (never mutated in place), so a shallowRef suffices.
  const draft = shallowRef<Record<string, unknown>>({});
  const serverIssues = shallowRef<readonly SpecIssue[]>([]);
  const validating = ref(false);
  const starting = ref(false);
  const startError = ref<string | null>(null);

  const kind = computed(() => kinds.value.find((k) => k.kind === kindName.value));
  const presets = computed(() => kind.value?.presets ?? []);
  const preset = computed(() => presets.value.find((p) => p.name === presetName.value));
  const formNodes = computed(() => (kind.value ? buildForm(kind.value.jsonSchema, draft.value, kind.value.fields) : []));
  const fields = computed(() => fieldPaths(formNodes.value));
  const clientIssues = computed(() => checkDraft(formNodes.value, draft.value));

  /** Messages by field path: a field's own client-side check first, then the server's issues. */
  const issuesByField = computed(() => {
    const out: Record<string, string[]> = {};
    const clientPaths = new Set<string>();
    for (const issue of clientIssues.value) {
      (out[issue.path] ??= []).push(issue.message);
      clientPaths.add(issue.path);
    }
    for (const issue of serverIssues.value) {
      const at = placeIssue(issue.path, fields.value);
      if (at === null || clientPaths.has(at)) continue;
      const list = (out[at] ??= []);
      if (!list.includes(issue.message)) list.push(issue.message);
    }
    return out;
  });

  /** Server issues that belong to no field (e.g. an unknown key at the top level). */
  const generalIssues = computed(() => serverIssues.value.filter((i) => placeIssue(i.path, fields.value) === null));
  const hasIssues = computed(() => clientIssues.value.length > 0 || serverIssues.value.length > 0);
  /**
   * Distinct issues shown: the messages at the fields plus those at no field. A bad ridge is one
   * issue even when both the client check and the server report it.
   */
  const issueCount = computed(() => Object.values(issuesByField.value).reduce((n, list) => n + list.length, 0) + generalIssues.value.length);

  let timer: ReturnType<typeof setTimeout> | null = null;
  let validationSeq = 0;

  function cancelValidation(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    validationSeq++;
  }

  async function validateNow(): Promise<void> {
    cancelValidation();
    const k = kind.value;
    if (!k) return;
    const seq = validationSeq;
    validating.value = true;
    try {
      const result = await api.call('runs.validate', { kind: k.kind, spec: clone(draft.value) });
      if (seq !== validationSeq) return;
      serverIssues.value = result.ok ? [] : result.issues;
    } catch (error) {
      if (seq !== validationSeq) return;
      serverIssues.value = [{ path: '', message: `could not validate: ${errorMessage(error)}` }];
    } finally {
      if (seq === validationSeq) validating.value = false;
    }
  }

  function scheduleValidation(): void {
    cancelValidation();
    timer = setTimeout(() => {
      timer = null;
      void validateNow();
    }, VALIDATE_DEBOUNCE_MS);
  }

  function resetDraft(spec: Record<string, unknown>): void {
    const k = kind.value;
    draft.value = k ? (fillDefaults(k.jsonSchema, clone(spec)) as Record<string, unknown>) : clone(spec);
    serverIssues.value = [];
    startError.value = null;
  }

  async function loadKinds(): Promise<void> {
    loading.value = true;
    loadError.value = null;
    try {
      kinds.value = await api.call('kinds.list', {});
      if (!kind.value && kinds.value.length) chooseKind(kinds.value[0].kind);
    } catch (error) {
      loadError.value = errorMessage(error);
    } finally {
      loading.value = false;
    }
  }

  function chooseKind(name: string): void {
    if (!kinds.value.some((k) => k.kind === name)) return;
    cancelValidation();
    kindName.value = name;
    presetName.value = '';
    resetDraft(kind.value!.defaults);
  }

  /** A preset replaces the draft with its spec ("" goes back to the kind's defaults). */
  function choosePreset(name: string): void {
    const k = kind.value;
    if (!k) return;
    cancelValidation();
    const p = k.presets.find((x) => x.name === name);
    presetName.value = p ? p.name : '';
    resetDraft(p ? { ...clone(k.defaults), ...clone(p.spec) } : k.defaults);
  }

  /** Sets one field (a parsed value, or the raw text when it does not parse) and revalidates. */
  function setField(path: string, value: unknown): void {
    const parts = path.split('.');
    if (value === undefined) {
      const copy = clone(draft.value);
      let node: Record<string, unknown> | undefined = copy;
      for (const key of parts.slice(0, -1)) node = isRecord(node?.[key]) ? (node![key] as Record<string, unknown>) : undefined;
      if (node) delete node[parts[parts.length - 1]];
      draft.value = copy;
    } else {
      draft.value = setAtPath(draft.value, parts, value);
    }
    serverIssues.value = serverIssues.value.filter((i) => placeIssue(i.path, fields.value) !== path);
    scheduleValidation();
  }

  /** Switches the union at `path` (e.g. "source") to variant `type`, with that variant's defaults. */
  function switchVariant(path: string, type: string): void {
    const k = kind.value;
    if (!k) return;
    const parts = path.split('.');
    const schema = schemaAt(k.jsonSchema, draft.value, parts);
    const variants = schema ? discriminatedVariants(schema, k.jsonSchema) : null;
    const variant = variants?.find((v) => v.value === type);
    const value = variant ? fillDefaults(variant.schema, { type }, k.jsonSchema) : { type };
    draft.value = setAtPath(draft.value, parts, value);
    serverIssues.value = serverIssues.value.filter((i) => !(i.path === path || i.path.startsWith(`${path}.`)));
    scheduleValidation();
  }

  /** Starts a run of the draft. Returns its id, or null (issues shown at the fields, no run made). */
  async function start(): Promise<number | null> {
    const k = kind.value;
    if (!k || starting.value) return null;
    cancelValidation();
    validating.value = false;
    starting.value = true;
    startError.value = null;
    try {
      const { runId } = await api.call('runs.start', { kind: k.kind, spec: clone(draft.value), ...(runName.value.trim() ? { name: runName.value.trim() } : {}) });
      serverIssues.value = [];
      return runId;
    } catch (error) {
      if (error instanceof ApiError && error.body.code === 'invalid-spec') {
        serverIssues.value = error.body.issues?.length ? error.body.issues : [{ path: '', message: error.body.message }];
        startError.value = 'Not started: the spec has errors (marked at the fields).';
      } else {
        startError.value = `Not started: ${errorMessage(error)}`;
      }
      return null;
    } finally {
      starting.value = false;
    }
  }

  function exportDraft(): SavedSpec {
    return { kind: kindName.value, ...(runName.value.trim() ? { name: runName.value.trim() } : {}), spec: clone(draft.value) };
  }

  /** Loads a saved spec ({kind, name?, spec}); returns an error message or null. */
  function importDraft(doc: unknown): string | null {
    if (!isRecord(doc)) return 'expected a JSON object {"kind": …, "spec": {…}}';
    const kindValue = typeof doc.kind === 'string' ? doc.kind : kindName.value;
    if (!kinds.value.some((k) => k.kind === kindValue)) return `unknown experiment kind "${String(doc.kind)}"`;
    const spec = isRecord(doc.spec) ? doc.spec : typeof doc.kind === 'string' ? null : doc;
    if (!spec) return 'missing "spec" object';
    cancelValidation();
    kindName.value = kindValue;
    presetName.value = '';
    runName.value = typeof doc.name === 'string' ? doc.name : '';
    resetDraft(spec);
    void validateNow();
    return null;
  }

  return {
    kinds,
    loading,
    loadError,
    kindName,
    presetName,
    runName,
    draft,
    serverIssues,
    validating,
    starting,
    startError,
    kind,
    presets,
    preset,
    formNodes,
    clientIssues,
    issuesByField,
    generalIssues,
    hasIssues,
    issueCount,
    loadKinds,
    chooseKind,
    choosePreset,
    setField,
    switchVariant,
    validateNow,
    scheduleValidation,
    cancelValidation,
    start,
    exportDraft,
    importDraft,
  };
});
