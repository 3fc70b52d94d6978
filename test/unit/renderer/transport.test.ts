import { describe, expect, it, vi } from 'vitest';
import { ApiError, HTTP_TOKEN_HEADER } from '../../../src-shared/api/contract';
import { createHttpClient, type EventSourceLike } from '../../../src-renderer/api/http-client';
import { resolveToken, TOKEN_STORAGE_KEY } from '../../../src-renderer/api/token';
import { parseRoute, routeHash } from '../../../src-renderer/composables/router';
import { progressStats } from '../../../src-renderer/composables/progress';
import { visibleWindow } from '../../../src-renderer/composables/virtual-rows';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  close(): void {
    this.closed = true;
  }
  send(data: string): void {
    this.onmessage?.({ data } as MessageEvent);
  }
}

describe('HTTP client', () => {
  it('POSTs JSON to /api/<method> with the token header', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { runId: 5 }));
    const client = createHttpClient({ baseUrl: 'http://127.0.0.1:8123/', token: 'XYZ', fetch });
    await expect(client.call('runs.start', { kind: 'rg-flow', spec: { ridge: 1 } })).resolves.toEqual({ runId: 5 });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:8123/api/runs.start');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)[HTTP_TOKEN_HEADER]).toBe('XYZ');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(JSON.parse(String(init.body))).toEqual({ kind: 'rg-flow', spec: { ridge: 1 } });
  });

  it('throws ApiError with the body of a non-2xx answer', async () => {
    const body = { code: 'invalid-spec', message: 'bad spec', issues: [{ path: 'ridge', message: 'must be ≥ 0' }] };
    const client = createHttpClient({ baseUrl: '', token: 't', fetch: async () => jsonResponse(400, body) });
    const error = await client.call('runs.validate', { kind: 'x', spec: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).body).toEqual(body);
    const plain = createHttpClient({ baseUrl: '', token: 't', fetch: async () => new Response('oops', { status: 502 }) });
    await expect(plain.call('runs.tags', {})).rejects.toMatchObject({ body: { code: 'internal' } });
    const down = createHttpClient({ baseUrl: '', token: 't', fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(down.call('runs.tags', {})).rejects.toMatchObject({ body: { code: 'internal', message: expect.stringMatching(/cannot reach/) } });
  });

  it('shares one EventSource for all listeners and parses data frames', () => {
    FakeEventSource.instances = [];
    const client = createHttpClient({ baseUrl: 'http://h', token: 'a b', fetch: vi.fn(), EventSource: FakeEventSource });
    const a = vi.fn();
    const b = vi.fn();
    const offA = client.onEvent(a);
    const offB = client.onEvent(b);
    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.instances[0];
    expect(source.url).toBe('http://h/api/events?token=a%20b');
    source.send(JSON.stringify({ type: 'progress', runId: 3, done: 1, total: 2, elapsedMs: 10 }));
    source.send('not json');
    source.send(JSON.stringify({ type: 'nonsense' }));
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledWith({ type: 'progress', runId: 3, done: 1, total: 2, elapsedMs: 10 });
    offA();
    expect(source.closed).toBe(false);
    offB();
    expect(source.closed).toBe(true);
  });
});

describe('token from the URL', () => {
  function env(href: string, stored: string | null = null) {
    const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
    const replaced: string[] = [];
    return {
      replaced,
      storage,
      env: {
        location: { href },
        storage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) },
        history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
      },
    };
  }
  it('takes the token from ?token=, remembers it, and strips it from the visible URL', () => {
    const e = env('http://127.0.0.1:9000/?token=XYZ#/runs/4');
    expect(resolveToken(e.env)).toBe('XYZ');
    expect(e.storage.get(TOKEN_STORAGE_KEY)).toBe('XYZ');
    expect(e.replaced).toEqual(['/#/runs/4']);
  });
  it('falls back to sessionStorage after a reload', () => {
    const e = env('http://127.0.0.1:9000/#/runs', 'KEPT');
    expect(resolveToken(e.env)).toBe('KEPT');
    expect(e.replaced).toEqual([]);
  });
});

describe('hash routes', () => {
  it('parses and prints every route', () => {
    expect(parseRoute('')).toEqual({ name: 'design' });
    expect(parseRoute('#/design/rg-flow')).toEqual({ name: 'design', kind: 'rg-flow' });
    expect(parseRoute('#/runs')).toEqual({ name: 'runs' });
    expect(parseRoute('#/runs/42')).toEqual({ name: 'run', id: 42 });
    expect(parseRoute('#/compare?ids=3,1,3,x')).toEqual({ name: 'compare', ids: [3, 1] });
    expect(parseRoute('#/elsewhere')).toEqual({ name: 'not-found', path: '/elsewhere' });
    for (const hash of ['#/design', '#/design/toy-theory', '#/runs', '#/runs/7', '#/compare?ids=1,2', '#/compare']) expect(routeHash(parseRoute(hash))).toBe(hash);
  });
});

describe('progress and virtual rows', () => {
  it('computes trials per second and ETA from elapsedMs', () => {
    expect(progressStats({ done: 250, total: 1000, elapsedMs: 5000 })).toEqual({ fraction: 0.25, ratePerSecond: 50, etaMs: 15000 });
    expect(progressStats({ done: 0, total: 0, elapsedMs: 0 })).toEqual({ fraction: null, ratePerSecond: null, etaMs: null });
  });
  it('renders only the rows in view plus overscan', () => {
    expect(visibleWindow(0, 480, 36, 10_000, 6)).toEqual({ start: 0, end: 21 });
    expect(visibleWindow(36 * 5000, 480, 36, 10_000, 6)).toEqual({ start: 4994, end: 5021 });
    expect(visibleWindow(36 * 9999, 480, 36, 10_000, 6)).toEqual({ start: 9993, end: 10_000 });
    expect(visibleWindow(0, 480, 36, 0)).toEqual({ start: 0, end: 0 });
  });
});
