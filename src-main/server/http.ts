/**
 * Web mode: the built renderer and the typed API over HTTP on 127.0.0.1, with server-sent events
 * for run progress. Every API request carries the per-launch token (header, or `token` query
 * parameter for EventSource); requests from other origins and other Host names are refused.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ApiErrorBody, RunEvent } from '../../src-shared/api/contract';
import { HTTP_API_PREFIX, HTTP_EVENTS_PATH, HTTP_TOKEN_HEADER } from '../../src-shared/api/contract';
import { dispatchApi, type createApiHandlers } from '../services/api';

const MAX_BODY_BYTES = 16 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface WebServerOptions {
  readonly handlers: ReturnType<typeof createApiHandlers>;
  /** Subscribe to run events; returns an unsubscribe function. */
  readonly subscribe: (listener: (event: RunEvent) => void) => () => void;
  /** Folder with the built renderer (index.html). */
  readonly staticDir: string;
  readonly port?: number;
  readonly host?: string;
  /** Fixed token (tests); a random one per launch otherwise. */
  readonly token?: string;
}

export interface WebServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  const sseClients = new Set<ServerResponse>();
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${host}:${port}`]);

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) sendError(res, 500, { code: 'internal', message: error instanceof Error ? error.message : String(error) });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    // DNS-rebinding and cross-origin protection: only our own Host, only same-origin requests.
    if (!req.headers.host || !allowedHosts().has(req.headers.host)) {
      return sendError(res, 403, { code: 'unauthorized', message: 'unexpected Host header' });
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${req.headers.host}`) {
      return sendError(res, 403, { code: 'unauthorized', message: 'cross-origin requests are refused' });
    }
    if (req.headers['sec-fetch-site'] === 'cross-site') {
      return sendError(res, 403, { code: 'unauthorized', message: 'cross-site requests are refused' });
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname === HTTP_EVENTS_PATH) {
      if (!tokenMatches(url.searchParams.get('token'), token)) return sendError(res, 401, { code: 'unauthorized', message: 'missing or wrong token' });
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      sseClients.add(res);
      req.on('close', () => sseClients.delete(res));
      return;
    }

    if (url.pathname.startsWith(HTTP_API_PREFIX)) {
      if (!tokenMatches(req.headers[HTTP_TOKEN_HEADER] as string | undefined, token)) {
        return sendError(res, 401, { code: 'unauthorized', message: 'missing or wrong token' });
      }
      if (req.method !== 'POST') return sendError(res, 405, { code: 'invalid-request', message: 'use POST' });
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendError(res, 415, { code: 'invalid-request', message: 'send application/json' });
      }
      let payload: unknown;
      try {
        const body = await readBody(req);
        payload = body.length ? JSON.parse(body) : {};
      } catch (error) {
        return sendError(res, 400, { code: 'invalid-request', message: `bad request body: ${(error as Error).message}` });
      }
      const method = decodeURIComponent(url.pathname.slice(HTTP_API_PREFIX.length));
      const result = await dispatchApi(options.handlers, method, payload);
      if (result.ok) return sendJson(res, 200, result.value);
      return sendError(res, result.status, result.error);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, { code: 'invalid-request', message: 'use GET' });
    return serveStatic(url.pathname, res, req.method === 'HEAD');
  }

  function serveStatic(pathname: string, res: ServerResponse, headOnly: boolean) {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      return sendError(res, 400, { code: 'invalid-request', message: 'bad path' });
    }
    if (relative === '/' || relative === '') relative = '/index.html';
    const file = normalize(join(staticRoot, relative));
    if (!file.startsWith(staticRoot + sep)) return sendError(res, 404, { code: 'not-found', message: 'not found' });
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (relative === '/index.html') {
        return sendText(res, 503, 'The renderer is not built. Run `npm run build` (or `npm install`) in the project folder, then reload.');
      }
      return sendError(res, 404, { code: 'not-found', message: `no such file: ${relative}` });
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string | number> = { 'Content-Type': type, 'Content-Length': statSync(file).size };
    if (type.startsWith('text/html')) {
      headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
      headers['Cache-Control'] = 'no-store';
    }
    res.writeHead(200, headers);
    if (headOnly) return res.end();
    createReadStream(file).pipe(res);
  }

  const unsubscribe = options.subscribe((event) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': heartbeat\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}/?token=${token}`;

  return {
    url,
    port,
    token,
    close: () =>
      new Promise<void>((resolvePromise) => {
        clearInterval(heartbeat);
        unsubscribe();
        for (const client of sseClients) client.end();
        sseClients.clear();
        server.close(() => resolvePromise());
        server.closeAllConnections?.();
      }),
  };
}

function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  const body = JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, error: ApiErrorBody) {
  sendJson(res, status, error);
}

function sendText(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
