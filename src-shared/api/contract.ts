/**
 * The one typed contract between the renderer and the main process. Every method the UI may call
 * is a key of `ApiMethods` (request and response types); every push from main is a `RunEvent`.
 * Transports: Electron preload (IPC) and web mode (POST /api/<method>, server-sent events on
 * /api/events). Channel and method names exist only here.
 */
import type { RunFilter, RunPage, RunRecord, RunStatus } from './runs';
import type { FieldDoc } from '../experiments/types';
import type { SpecIssue } from '../experiments/validate';

/** An array result as it crosses the wire: plain numbers, non-finite values as null. */
export interface WireArray {
  readonly dtype: 'float64';
  readonly shape: readonly number[];
  readonly description: string | null;
  readonly data: readonly (number | null)[];
}

export interface PresetInfo {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly spec: Record<string, unknown>;
}

export interface KindInfo {
  readonly kind: string;
  readonly title: string;
  readonly description: string;
  readonly fields: Readonly<Record<string, FieldDoc>>;
  readonly metrics: Readonly<Record<string, string>>;
  /** The full spec with every default filled in. */
  readonly defaults: Record<string, unknown>;
  /** JSON Schema of the spec (draft 2020-12), for generating forms. */
  readonly jsonSchema: Record<string, unknown>;
  readonly presets: readonly PresetInfo[];
}

export interface BackendInfo {
  readonly name: string;
  readonly available: boolean;
  readonly active: boolean;
  readonly detail: string;
}

export interface SystemInfo {
  readonly appVersion: string;
  readonly nodeVersion: string;
  readonly databasePath: string;
  readonly backends: readonly BackendInfo[];
  readonly linalg: string;
}

export interface Comparison {
  readonly runs: readonly { readonly id: number; readonly name: string; readonly kind: string; readonly status: RunStatus }[];
  /** Spec parameters by dotted path; `differs` marks those not equal across all runs. */
  readonly parameters: readonly { readonly path: string; readonly values: readonly unknown[]; readonly differs: boolean }[];
  readonly metrics: readonly { readonly name: string; readonly values: readonly (number | null)[] }[];
}

export interface StartRunRequest {
  readonly kind: string;
  readonly spec: Record<string, unknown>;
  readonly name?: string;
  readonly tags?: readonly string[];
}

export interface ApiMethods {
  'system.info': { req: Record<string, never>; res: SystemInfo };
  'kinds.list': { req: Record<string, never>; res: readonly KindInfo[] };
  /** Validates a spec without starting anything; `spec` has defaults filled when ok. */
  'runs.validate': { req: { kind: string; spec: Record<string, unknown> }; res: { ok: boolean; issues: readonly SpecIssue[]; spec: Record<string, unknown> | null } };
  /** Validates, records ('queued') and starts a run; returns at once. Invalid specs → ApiError 'invalid-spec'. */
  'runs.start': { req: StartRunRequest; res: { runId: number } };
  'runs.rerun': { req: { id: number }; res: { runId: number } };
  'runs.cancel': { req: { id: number }; res: { cancelled: boolean } };
  'runs.list': { req: RunFilter; res: RunPage };
  'runs.get': { req: { id: number }; res: RunRecord };
  /** Array results of a run (all, or the named ones). */
  'runs.arrays': { req: { id: number; names?: readonly string[] }; res: Record<string, WireArray> };
  'runs.compare': { req: { ids: readonly number[] }; res: Comparison };
  'runs.tag': { req: { id: number; add?: readonly string[]; remove?: readonly string[] }; res: RunRecord };
  'runs.note': { req: { id: number; notes: string }; res: RunRecord };
  'runs.rename': { req: { id: number; name: string }; res: RunRecord };
  'runs.delete': { req: { ids: readonly number[] }; res: { deleted: number } };
  /** Every tag in use, with counts (for the filter menu). */
  'runs.tags': { req: Record<string, never>; res: readonly { tag: string; count: number }[] };
}

export type ApiMethod = keyof ApiMethods;
export type ApiRequest<M extends ApiMethod> = ApiMethods[M]['req'];
export type ApiResponse<M extends ApiMethod> = ApiMethods[M]['res'];

export const API_METHODS = [
  'system.info',
  'kinds.list',
  'runs.validate',
  'runs.start',
  'runs.rerun',
  'runs.cancel',
  'runs.list',
  'runs.get',
  'runs.arrays',
  'runs.compare',
  'runs.tag',
  'runs.note',
  'runs.rename',
  'runs.delete',
  'runs.tags',
] as const satisfies readonly ApiMethod[];

/** Pushed to every client while runs change. */
export type RunEvent =
  | { readonly type: 'created'; readonly runId: number }
  | {
      readonly type: 'progress';
      readonly runId: number;
      readonly done: number;
      readonly total: number;
      readonly message?: string;
      readonly elapsedMs: number;
      /** Partial results, where the experiment streams them (e.g. the running average). */
      readonly partialMetrics?: Readonly<Record<string, number | null>>;
    }
  | { readonly type: 'finished'; readonly runId: number; readonly status: RunStatus };

/** Structured error: `code` for programs, `message` for people, `issues` for form fields. */
export interface ApiErrorBody {
  readonly code: 'invalid-spec' | 'invalid-request' | 'not-found' | 'unauthorized' | 'internal' | 'conflict';
  readonly message: string;
  readonly issues?: readonly SpecIssue[];
}

/** The client the renderer's stores receive by injection (preload bridge or HTTP). */
export interface ApiClient {
  call<M extends ApiMethod>(method: M, request: ApiRequest<M>): Promise<ApiResponse<M>>;
  /** Subscribes to run events; returns an unsubscribe function. */
  onEvent(listener: (event: RunEvent) => void): () => void;
}

/** Thrown by ApiClient.call when main answers with an error body. */
export class ApiError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
  }
}

/** Web-mode transport constants (the server and the HTTP client share them). */
export const HTTP_API_PREFIX = '/api/';
export const HTTP_EVENTS_PATH = '/api/events';
/** Header (and query parameter `token` for EventSource) carrying the per-launch token. */
export const HTTP_TOKEN_HEADER = 'x-rgwb-token';
