/**
 * The API handlers behind the one typed contract (src-shared/api/contract.ts). Web mode and the
 * Electron IPC adapter both dispatch here; every payload is parsed with its shared schema first.
 */
import { z } from 'zod';
import type { ApiErrorBody, ApiMethod, ApiMethods, ApiRequest, ApiResponse, KindInfo, WireArray } from '../../src-shared/api/contract';
import { API_METHODS } from '../../src-shared/api/contract';
import { compareRuns } from '../../src-shared/api/compare';
import { requestSchemas } from '../../src-shared/api/schemas';
import { experimentKinds, validateSpec } from '../../src-shared/experiments/registry';
import { describeIssues } from '../../src-shared/experiments/validate';
import { RunNotFoundError, type RunStore } from '../store';
import { RunService, SpecValidationError } from './runs';
import type { SystemInfo } from '../../src-shared/api/contract';

/** An error with a structured body for the client. */
export class ApiFailure extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiFailure';
  }
}

type Handlers = { [M in ApiMethod]: (request: ApiRequest<M>) => ApiResponse<M> | Promise<ApiResponse<M>> };

export interface ApiContext {
  readonly store: RunStore;
  readonly runs: RunService;
  readonly systemInfo: () => SystemInfo;
}

let kindInfoCache: KindInfo[] | undefined;

export function kindInfos(): KindInfo[] {
  kindInfoCache ??= experimentKinds.map((k) => ({
    kind: k.kind,
    title: k.title,
    description: k.description,
    fields: k.fields,
    metrics: k.metrics,
    defaults: k.schema.parse({}) as Record<string, unknown>,
    jsonSchema: z.toJSONSchema(k.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    presets: k.presets.map((p) => ({ name: p.name, title: p.title, description: p.description, spec: k.schema.parse(p.spec) as Record<string, unknown> })),
  }));
  return kindInfoCache;
}

function toWire(array: { dtype: 'float64'; shape: readonly number[]; data: Float64Array; description?: string | null }): WireArray {
  return {
    dtype: array.dtype,
    shape: array.shape,
    description: array.description ?? null,
    data: Array.from(array.data, (x) => (Number.isFinite(x) ? x : null)),
  };
}

export function createApiHandlers(ctx: ApiContext): Handlers {
  const { store, runs } = ctx;
  const start = async (request: ApiMethods['runs.start']['req']) => {
    try {
      const runId = await runs.start({ kind: request.kind, spec: request.spec, name: request.name, tags: request.tags });
      return { runId };
    } catch (error) {
      if (error instanceof SpecValidationError) {
        throw new ApiFailure({ code: 'invalid-spec', message: error.message, issues: error.issues });
      }
      throw error;
    }
  };
  return {
    'system.info': () => ctx.systemInfo(),
    'kinds.list': () => kindInfos(),
    'runs.validate': ({ kind, spec }) => {
      const validation = validateSpec(kind, spec);
      return validation.ok ? { ok: true, issues: [], spec: validation.spec } : { ok: false, issues: validation.issues, spec: null };
    },
    'runs.start': start,
    'runs.rerun': ({ id }) => {
      const run = store.getRun(id);
      return start({ kind: run.kind, spec: run.spec, name: run.name, tags: run.tags });
    },
    'runs.cancel': ({ id }) => {
      store.getRun(id);
      return { cancelled: runs.cancel(id) };
    },
    'runs.list': (filter) => store.listRuns(filter),
    'runs.get': ({ id }) => store.getRun(id),
    'runs.arrays': ({ id, names }) => {
      const arrays = store.getArrays(id);
      const wanted = names ?? Object.keys(arrays);
      const out: Record<string, WireArray> = {};
      for (const name of wanted) {
        const array = arrays[name];
        if (!array) throw new ApiFailure({ code: 'not-found', message: `run ${id} has no array "${name}"` });
        out[name] = toWire(array);
      }
      return out;
    },
    'runs.compare': ({ ids }) => compareRuns(ids.map((id) => store.getRun(id))),
    'runs.tag': ({ id, add, remove }) => {
      if (add?.length) store.addTags(id, add);
      if (remove?.length) store.removeTags(id, remove);
      return store.getRun(id);
    },
    'runs.note': ({ id, notes }) => {
      store.setNotes(id, notes);
      return store.getRun(id);
    },
    'runs.rename': ({ id, name }) => {
      store.setName(id, name);
      return store.getRun(id);
    },
    'runs.delete': ({ ids }) => {
      const active = ids.filter((id) => runs.activeRuns().includes(id));
      if (active.length) throw new ApiFailure({ code: 'conflict', message: `run${active.length > 1 ? 's' : ''} ${active.join(', ')} still running: cancel first` });
      for (const id of ids) store.getRun(id);
      store.deleteRuns(ids);
      return { deleted: ids.length };
    },
    'runs.tags': () => store.listTags(),
  };
}

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

/**
 * Validates and dispatches one call. Always resolves: `{ok: true, value}` or `{ok: false, error}`
 * with a structured body (never a stack trace).
 */
export async function dispatchApi(
  handlers: Handlers,
  method: string,
  payload: unknown,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number; error: ApiErrorBody }> {
  if (!isApiMethod(method)) return { ok: false, status: 404, error: { code: 'not-found', message: `unknown API method "${method}"` } };
  const parsed = requestSchemas[method].safeParse(payload ?? {});
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    return {
      ok: false,
      status: 400,
      error: { code: 'invalid-request', message: `bad ${method} request: ${issues.map((i) => `${i.path || 'body'}: ${i.message}`).join('; ')}`, issues },
    };
  }
  try {
    const handler = handlers[method] as (req: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof ApiFailure) return { ok: false, status: error.body.code === 'not-found' ? 404 : error.body.code === 'conflict' ? 409 : 400, error: error.body };
    if (error instanceof RunNotFoundError) return { ok: false, status: 404, error: { code: 'not-found', message: error.message } };
    return { ok: false, status: 500, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
  }
}

