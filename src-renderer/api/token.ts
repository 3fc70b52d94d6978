/**
 * The web-mode token: the server prints http://127.0.0.1:PORT/?token=XYZ. Take it from the query,
 * keep it in sessionStorage (so a reload without the query still works), and remove it from the
 * visible URL.
 */
export const TOKEN_STORAGE_KEY = 'rgwb.token';

export interface TokenEnvironment {
  readonly location: Pick<Location, 'href'>;
  readonly storage: Pick<Storage, 'getItem' | 'setItem'>;
  readonly history: Pick<History, 'replaceState' | 'state'>;
}

export function resolveToken(env: TokenEnvironment): string | null {
  const url = new URL(env.location.href);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) {
    try {
      env.storage.setItem(TOKEN_STORAGE_KEY, fromQuery);
    } catch {
      // storage disabled: the token then lives only as long as this page
    }
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromQuery;
  }
  try {
    return env.storage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}
