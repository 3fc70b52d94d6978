/**
 * The ApiClient the stores use, provided once at the composition root (main.ts) and injected.
 * Electron's preload exposes `window.rgwb`; otherwise the page talks HTTP to the server it came from.
 */
import { inject, type App, type InjectionKey } from 'vue';
import type { ApiClient } from '../../src-shared/api/contract';
import { createHttpClient } from './http-client';
import { resolveToken } from './token';

export const API_CLIENT_KEY: InjectionKey<ApiClient> = Symbol('rgwb.api');

export function provideApiClient(app: App, client: ApiClient): void {
  app.provide(API_CLIENT_KEY, client);
}

export function useApiClient(): ApiClient {
  const client = inject(API_CLIENT_KEY, null);
  if (!client) throw new Error('No ApiClient provided: call provideApiClient(app, client) before using the stores.');
  return client;
}

export type ClientChoice = { readonly client: ApiClient; readonly transport: 'electron' | 'http' } | { readonly client: null; readonly problem: string };

/** window.rgwb when the preload injected it; else HTTP to this page's origin with the URL token. */
export function chooseClient(win: Window): ClientChoice {
  if (win.rgwb) return { client: win.rgwb, transport: 'electron' };
  const { protocol, origin } = win.location;
  if (protocol !== 'http:' && protocol !== 'https:') {
    return { client: null, problem: 'No workbench connection: open this page from `rgwb serve` (web mode) or the desktop app.' };
  }
  const token = resolveToken({ location: win.location, storage: win.sessionStorage, history: win.history });
  if (!token) {
    return { client: null, problem: 'No access token: open the address printed by `rgwb serve` (it ends in ?token=…).' };
  }
  return { client: createHttpClient({ baseUrl: origin, token }), transport: 'http' };
}
