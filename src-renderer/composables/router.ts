/**
 * A tiny hash router: #/design[/kind], #/runs, #/runs/42, #/compare?ids=1,2. The hash keeps the
 * view across reloads (and works under file:// in Electron); everything else comes from the server.
 */
import { inject, readonly, shallowRef, type InjectionKey, type Ref } from 'vue';

export type Route =
  | { readonly name: 'design'; readonly kind?: string }
  | { readonly name: 'runs' }
  | { readonly name: 'run'; readonly id: number }
  | { readonly name: 'compare'; readonly ids: readonly number[] }
  | { readonly name: 'not-found'; readonly path: string };

function parseIds(text: string | null): number[] {
  if (!text) return [];
  return [...new Set(text.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0))];
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart, query = ''] = raw.split('?', 2);
  const segments = pathPart.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  const params = new URLSearchParams(query);
  if (segments.length === 0) return { name: 'design' };
  const [head, second] = segments;
  if (head === 'design' && segments.length <= 2) return second ? { name: 'design', kind: second } : { name: 'design' };
  if (head === 'runs' && segments.length === 1) return { name: 'runs' };
  if (head === 'runs' && segments.length === 2 && /^\d+$/.test(second)) return { name: 'run', id: Number(second) };
  if (head === 'compare' && segments.length === 1) return { name: 'compare', ids: parseIds(params.get('ids')) };
  return { name: 'not-found', path: `/${segments.join('/')}` };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'design':
      return route.kind ? `#/design/${encodeURIComponent(route.kind)}` : '#/design';
    case 'runs':
      return '#/runs';
    case 'run':
      return `#/runs/${route.id}`;
    case 'compare':
      return route.ids.length ? `#/compare?ids=${route.ids.join(',')}` : '#/compare';
    case 'not-found':
      return `#${route.path}`;
  }
}

export interface HashRouter {
  readonly route: Readonly<Ref<Route>>;
  /** Goes to a route; `replace` rewrites the current history entry instead of adding one. */
  navigate(to: Route, options?: { replace?: boolean }): void;
  stop(): void;
}

type RouterWindow = Pick<Window, 'addEventListener' | 'removeEventListener'> & {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
};

export function createHashRouter(win: RouterWindow): HashRouter {
  const route = shallowRef<Route>(parseRoute(win.location.hash));
  const onHashChange = () => {
    route.value = parseRoute(win.location.hash);
  };
  win.addEventListener('hashchange', onHashChange);
  return {
    route: readonly(route) as Readonly<Ref<Route>>,
    navigate(to, options = {}) {
      const hash = routeHash(to);
      if (options.replace) {
        win.history.replaceState(win.history.state, '', `${win.location.pathname}${win.location.search}${hash}`);
        route.value = parseRoute(hash);
      } else if (win.location.hash !== hash) {
        win.location.hash = hash; // fires hashchange
        route.value = parseRoute(hash);
      }
    },
    stop() {
      win.removeEventListener('hashchange', onHashChange);
    },
  };
}

export const ROUTER_KEY: InjectionKey<HashRouter> = Symbol('rgwb.router');

export function useRouter(): HashRouter {
  const router = inject(ROUTER_KEY, null);
  if (!router) throw new Error('No router provided');
  return router;
}
