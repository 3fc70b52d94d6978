/**
 * Web-mode transport: every call is `POST <baseUrl>/api/<method>` with a JSON body and the
 * per-launch token header; run events arrive over one shared EventSource on /api/events
 * (the browser reconnects it by itself).
 */
import {
  ApiError,
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  HTTP_TOKEN_HEADER,
  type ApiClient,
  type ApiErrorBody,
  type ApiMethod,
  type ApiRequest,
  type ApiResponse,
  type RunEvent,
} from '../../src-shared/api/contract';

export interface HttpClientOptions {
  /** Origin (and path prefix, if any) of the server, without a trailing slash: "http://127.0.0.1:8123". */
  readonly baseUrl: string;
  readonly token: string;
  /** Injected in tests. */
  readonly fetch?: typeof fetch;
  readonly EventSource?: new (url: string) => EventSourceLike;
}

/** The part of EventSource the client uses. */
export interface EventSourceLike {
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  close(): void;
}

const ERROR_CODES: readonly ApiErrorBody['code'][] = ['invalid-spec', 'invalid-request', 'not-found', 'unauthorized', 'internal', 'conflict'];

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (body === null || typeof body !== 'object') return false;
  const b = body as Record<string, unknown>;
  return typeof b.code === 'string' && (ERROR_CODES as readonly string[]).includes(b.code) && typeof b.message === 'string';
}

export function isRunEvent(value: unknown): value is RunEvent {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (v.type === 'created' || v.type === 'progress' || v.type === 'finished') && typeof v.runId === 'number';
}

export function createHttpClient(options: HttpClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const EventSourceCtor = options.EventSource ?? (globalThis.EventSource as unknown as HttpClientOptions['EventSource']);
  const listeners = new Set<(event: RunEvent) => void>();
  let source: EventSourceLike | null = null;

  function openEvents(): void {
    if (source || !EventSourceCtor) return;
    source = new EventSourceCtor(`${baseUrl}${HTTP_EVENTS_PATH}?token=${encodeURIComponent(options.token)}`);
    source.onmessage = (message: MessageEvent) => {
      let event: unknown;
      try {
        event = JSON.parse(String(message.data));
      } catch {
        return; // keep-alive comments and malformed frames are ignored
      }
      if (!isRunEvent(event)) return;
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          console.error('run event listener failed', error);
        }
      }
    };
  }

  return {
    async call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>> {
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}${HTTP_API_PREFIX}${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: options.token },
          body: JSON.stringify(request ?? {}),
        });
      } catch (error) {
        throw new ApiError({ code: 'internal', message: `cannot reach the workbench server (${error instanceof Error ? error.message : String(error)})` });
      }
      const text = await response.text();
      let body: unknown = null;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
      }
      if (!response.ok) {
        if (isErrorBody(body)) throw new ApiError(body);
        throw new ApiError({
          code: response.status === 401 || response.status === 403 ? 'unauthorized' : response.status === 404 ? 'not-found' : 'internal',
          message: `${method}: HTTP ${response.status}${text && !body ? `: ${text.slice(0, 200)}` : ''}`,
        });
      }
      return body as ApiResponse<M>;
    },
    onEvent(listener: (event: RunEvent) => void): () => void {
      listeners.add(listener);
      openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
