/** Test doubles for the renderer: a scriptable ApiClient, real KindInfo, generated runs. */
import { createApp, type App } from 'vue';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { z } from 'zod';
import { ApiError, type ApiClient, type ApiMethod, type ApiRequest, type ApiResponse, type KindInfo, type RunEvent } from '../../../src-shared/api/contract';
import type { RunRecord, RunSummary } from '../../../src-shared/api/runs';
import { experimentKinds } from '../../../src-shared/experiments/registry';
import { provideApiClient } from '../../../src-renderer/api/client';

type Handler<M extends ApiMethod> = (req: ApiRequest<M>) => ApiResponse<M> | Promise<ApiResponse<M>>;

export class FakeClient implements ApiClient {
  readonly calls: { method: ApiMethod; req: unknown }[] = [];
  private readonly handlers = new Map<ApiMethod, Handler<ApiMethod>>();
  private readonly listeners = new Set<(e: RunEvent) => void>();

  on<M extends ApiMethod>(method: M, handler: Handler<M>): this {
    this.handlers.set(method, handler as unknown as Handler<ApiMethod>);
    return this;
  }

  async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
    this.calls.push({ method, req: request });
    const handler = this.handlers.get(method);
    if (!handler) throw new ApiError({ code: 'not-found', message: `no fake handler for ${method}` });
    return (await handler(request as ApiRequest<ApiMethod>)) as ApiResponse<M>;
  }

  onEvent(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: RunEvent): void {
    for (const l of this.listeners) l(event);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  callsOf<M extends ApiMethod>(method: M): ApiRequest<M>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.req as ApiRequest<M>);
  }
}

/** A Vue app with the client provided and Pinia installed (stores inject the client). */
export function setupStores(client: ApiClient): { app: App; pinia: Pinia } {
  const app = createApp({ render: () => null });
  provideApiClient(app, client);
  const pinia = createPinia();
  app.use(pinia);
  setActivePinia(pinia);
  return { app, pinia };
}

/** KindInfo exactly as the server builds it, from the real experiment registry. */
export function realKinds(): KindInfo[] {
  return experimentKinds.map((k) => ({
    kind: k.kind,
    title: k.title,
    description: k.description,
    fields: k.fields,
    metrics: k.metrics,
    defaults: k.schema.parse({}) as Record<string, unknown>,
    jsonSchema: z.toJSONSchema(k.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    presets: k.presets.map((p) => ({ name: p.name, title: p.title, description: p.description, spec: k.schema.parse(p.spec) as Record<string, unknown> })),
  }));
}

export function summary(id: number, over: Partial<RunSummary> = {}): RunSummary {
  return {
    id,
    kind: 'rg-flow',
    name: `run ${id}`,
    status: 'succeeded',
    seed: 1,
    createdAt: '2025-01-01T00:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    elapsedMs: 1234,
    backend: 'typed-arrays (float64)',
    tags: [],
    metrics: {},
    ...over,
  };
}

export function record(id: number, over: Partial<RunRecord> = {}): RunRecord {
  return { ...summary(id), spec: { seed: 1 }, environment: null, notes: '', error: null, diagnostics: [], arrays: [], ...over };
}

/** runs.list over `n` generated runs (ids n..1, newest first), honouring offset/limit. */
export function pagedRuns(client: FakeClient, n: number): void {
  client.on('runs.list', (req) => {
    const offset = req.offset ?? 0;
    const limit = req.limit ?? 100;
    const runs: RunSummary[] = [];
    for (let i = offset; i < Math.min(n, offset + limit); i++) runs.push(summary(n - i));
    return { total: n, runs };
  });
}

export const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
