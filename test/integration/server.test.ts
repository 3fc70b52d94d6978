import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src-shared/api/contract';
import { createAppServices, type AppServices } from '../../src-main/services/app';
import { startWebServer, type WebServer } from '../../src-main/server/http';

let services: AppServices;
let server: WebServer;
let base: string;
const token = 'test-token-0123456789';

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rgwb-server-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>RG Workbench</title>');
  services = createAppServices({ databasePath: join(dir, 'runs.sqlite') });
  server = await startWebServer({ handlers: services.handlers, subscribe: services.subscribe, staticDir, token });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  await services.shutdown();
});

async function call(method: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rgwb-token': token, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function waitFinished(id: number) {
  for (let i = 0; i < 200; i++) {
    const run = (await call('runs.get', { id })).body;
    if (!['queued', 'running'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${id} did not finish`);
}

/** Raw request, so Host/Origin headers can be forged (fetch forbids setting them). */
function raw(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('web mode server', () => {
  it('binds to loopback, prints a token URL and serves the renderer with a CSP', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${token}`);
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('RG Workbench');
    expect((await fetch(`${base}/../../etc/passwd`)).status).toBe(404);
  });

  it('refuses requests without the token, from other origins, or for other hosts', async () => {
    expect((await call('kinds.list', {}, { 'x-rgwb-token': 'wrong' })).status).toBe(401);
    expect(await raw('/api/kinds.list', { host: `127.0.0.1:${server.port}` })).toBe(401);
    expect(await raw('/api/kinds.list', { host: `127.0.0.1:${server.port}`, 'x-rgwb-token': token, origin: 'http://evil.example' })).toBe(403);
    expect(await raw('/api/kinds.list', { host: `evil.example:${server.port}`, 'x-rgwb-token': token })).toBe(403);
    expect(await raw('/api/kinds.list', { host: `127.0.0.1:${server.port}`, 'x-rgwb-token': token, origin: `http://127.0.0.1:${server.port}` })).toBe(200);
  });

  it('lists kinds with defaults, docs, JSON schema and presets', async () => {
    const { status, body } = await call('kinds.list', {});
    expect(status).toBe(200);
    const flow = body.find((k: { kind: string }) => k.kind === 'rg-flow');
    expect(flow.defaults.ridge).toBe(1e-4);
    expect(flow.fields.ridge.symbol).toBe('σ²');
    expect(flow.jsonSchema.properties.ridge.minimum).toBe(0);
    expect(flow.presets.map((p: { name: string }) => p.name)).toContain('universal-flow-power-law');
  });

  it('rejects an invalid spec with field-addressed issues and creates no run', async () => {
    const before = (await call('runs.list', {})).body.total;
    const { status, body } = await call('runs.start', { kind: 'toy-theory', spec: { ridge: -3 } });
    expect(status).toBe(400);
    expect(body.code).toBe('invalid-spec');
    expect(body.issues).toEqual([{ path: 'ridge', message: expect.stringContaining('got -3') }]);
    expect((await call('runs.list', {})).body.total).toBe(before);
    const malformed = await call('runs.get', { id: 'seven' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('invalid-request');
    expect((await call('runs.get', { id: 99999 })).body).toEqual({ code: 'not-found', message: 'no run with id 99999' });
    expect((await call('no.such.method', {})).status).toBe(404);
  });

  it('starts a run, streams its events over SSE and stores the result', async () => {
    const events: RunEvent[] = [];
    const controller = new AbortController();
    const sse = await fetch(`${base}/api/events?token=${token}`, { signal: controller.signal });
    expect(sse.headers.get('content-type')).toBe('text/event-stream');
    const reader = sse.body!.getReader();
    const decoder = new TextDecoder();
    const finished = (async () => {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (frame.startsWith('data: ')) {
            const event = JSON.parse(frame.slice(6)) as RunEvent;
            events.push(event);
            if (event.type === 'finished') return;
          }
        }
      }
    })();
    const { status, body } = await call('runs.start', { kind: 'rg-flow', spec: { sampleCount: 50 }, name: 'from the API', tags: ['api'] });
    expect(status).toBe(200);
    await finished;
    controller.abort();
    expect(events[0]).toEqual({ type: 'created', runId: body.runId });
    expect(events.at(-1)).toEqual({ type: 'finished', runId: body.runId, status: 'succeeded' });
    const run = (await call('runs.get', { id: body.runId })).body;
    expect(run).toMatchObject({ name: 'from the API', status: 'succeeded', tags: ['api'] });
    const arrays = (await call('runs.arrays', { id: body.runId, names: ['renormalizedRidge'] })).body;
    expect(arrays.renormalizedRidge.shape).toEqual([run.spec.source.modeCount + 1]);
    expect(arrays.renormalizedRidge.data[0]).toBeCloseTo(run.spec.ridge + 1, 10);
  });

  it('tags, notes, renames, compares, re-runs and deletes through the API', async () => {
    const a = (await call('runs.start', { kind: 'toy-theory', spec: {} })).body.runId;
    const b = (await call('runs.start', { kind: 'toy-theory', spec: { lambda2: 0 } })).body.runId;
    await waitFinished(a);
    await waitFinished(b);
    expect((await call('runs.tag', { id: a, add: ['x', 'y'] })).body.tags.sort()).toEqual(['x', 'y']);
    expect((await call('runs.tag', { id: a, remove: ['x'] })).body.tags).toEqual(['y']);
    expect((await call('runs.note', { id: a, notes: 'hello' })).body.notes).toBe('hello');
    expect((await call('runs.rename', { id: a, name: 'renamed' })).body.name).toBe('renamed');
    const tags = (await call('runs.tags', {})).body;
    expect(tags).toEqual(expect.arrayContaining([{ tag: 'y', count: 1 }]));
    const cmp = (await call('runs.compare', { ids: [a, b] })).body;
    expect(cmp.parameters.filter((p: { differs: boolean }) => p.differs).map((p: { path: string }) => p.path)).toEqual(['lambda2']);
    const rerun = (await call('runs.rerun', { id: b })).body.runId;
    const again = await waitFinished(rerun);
    expect(again.spec).toEqual((await call('runs.get', { id: b })).body.spec);
    expect((await call('runs.delete', { ids: [a, b, rerun] })).body.deleted).toBe(3);
    expect((await call('runs.get', { id: a })).status).toBe(404);
  });
});
