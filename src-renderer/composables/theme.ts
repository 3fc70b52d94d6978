/**
 * Light/dark theme: the user's explicit choice (remembered in localStorage) or, without one, the
 * system's prefers-color-scheme. Applied as <html data-theme="…">; charts take the matching
 * chart theme from src-shared/charts.
 */
import { computed, inject, ref, type ComputedRef, type InjectionKey, type Ref } from 'vue';
import { chartTheme, type ChartTheme, type ThemeName } from '../../src-shared/charts/theme';

export const THEME_STORAGE_KEY = 'rgwb.theme';

export interface AppTheme {
  readonly name: Readonly<Ref<ThemeName>>;
  readonly chart: ComputedRef<ChartTheme>;
  toggle(): void;
  set(name: ThemeName): void;
}

type ThemeWindow = Pick<Window, 'matchMedia' | 'localStorage'> & { document: Pick<Document, 'documentElement'> };

export function createAppTheme(win: ThemeWindow): AppTheme {
  let stored: string | null = null;
  try {
    stored = win.localStorage.getItem(THEME_STORAGE_KEY);
  } catch {
    stored = null;
  }
  const media = typeof win.matchMedia === 'function' ? win.matchMedia('(prefers-color-scheme: dark)') : null;
  const name = ref<ThemeName>(stored === 'dark' || stored === 'light' ? stored : media?.matches ? 'dark' : 'light');
  let explicit = stored === 'dark' || stored === 'light';
  const apply = () => {
    win.document.documentElement.dataset.theme = name.value;
    win.document.documentElement.style.colorScheme = name.value;
  };
  media?.addEventListener?.('change', (e: MediaQueryListEvent) => {
    if (!explicit) {
      name.value = e.matches ? 'dark' : 'light';
      apply();
    }
  });
  apply();
  const set = (next: ThemeName) => {
    name.value = next;
    explicit = true;
    try {
      win.localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // not remembered
    }
    apply();
  };
  return {
    name,
    chart: computed(() => chartTheme(name.value)),
    toggle: () => set(name.value === 'dark' ? 'light' : 'dark'),
    set,
  };
}

export const APP_THEME_KEY: InjectionKey<AppTheme> = Symbol('rgwb.theme');

export function useAppTheme(): AppTheme {
  const theme = inject(APP_THEME_KEY, null);
  if (!theme) throw new Error('No theme provided');
  return theme;
}
