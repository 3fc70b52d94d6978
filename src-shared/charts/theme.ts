/**
 * Chart themes: the Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008, "Color Universal
 * Design"), in a light and a dark variant. The UI's CSS uses the same colours.
 */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

export type ThemeName = 'light' | 'dark';

export interface ChartTheme {
  readonly name: ThemeName;
  readonly background: string;
  readonly text: string;
  readonly textMuted: string;
  readonly axisLine: string;
  readonly splitLine: string;
  readonly tooltipBackground: string;
  /** Series colours in order of use. */
  readonly palette: readonly string[];
  /** Shading of the learnable (k ≤ κ*) and unlearnable (k > κ*) regions. */
  readonly learnableFill: string;
  readonly unlearnableFill: string;
  /** Reference lines (κ*, σ²/η, thresholds, N(0,1) contours). */
  readonly reference: string;
  readonly fontFamily: string;
}

export const FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';

export const lightChartTheme: ChartTheme = {
  name: 'light',
  background: '#ffffff',
  text: '#1d2127',
  textMuted: '#5b6470',
  axisLine: '#8a929c',
  splitLine: '#e6e8eb',
  tooltipBackground: '#ffffff',
  palette: [
    OKABE_ITO.blue,
    OKABE_ITO.vermillion,
    OKABE_ITO.bluishGreen,
    OKABE_ITO.orange,
    OKABE_ITO.reddishPurple,
    OKABE_ITO.skyBlue,
    OKABE_ITO.black,
    OKABE_ITO.yellow,
  ],
  learnableFill: 'rgba(0, 158, 115, 0.10)',
  unlearnableFill: 'rgba(213, 94, 0, 0.08)',
  reference: '#5b6470',
  fontFamily: FONT_FAMILY,
};

export const darkChartTheme: ChartTheme = {
  name: 'dark',
  background: '#16191e',
  text: '#e4e7eb',
  textMuted: '#a3abb5',
  axisLine: '#6d7682',
  splitLine: '#2a2f37',
  tooltipBackground: '#22262d',
  palette: [
    OKABE_ITO.skyBlue,
    OKABE_ITO.orange,
    OKABE_ITO.bluishGreen,
    OKABE_ITO.reddishPurple,
    OKABE_ITO.yellow,
    OKABE_ITO.vermillion,
    OKABE_ITO.blue,
    '#e4e7eb',
  ],
  learnableFill: 'rgba(0, 158, 115, 0.16)',
  unlearnableFill: 'rgba(230, 159, 0, 0.12)',
  reference: '#a3abb5',
  fontFamily: FONT_FAMILY,
};

export function chartTheme(name: ThemeName): ChartTheme {
  return name === 'dark' ? darkChartTheme : lightChartTheme;
}

/** The i-th series colour (cycles through the palette). */
export function seriesColor(theme: ChartTheme, index: number): string {
  const n = theme.palette.length;
  return theme.palette[((index % n) + n) % n];
}

/** `#rrggbb` → `rgba(r, g, b, alpha)` (for bands and fills). */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const v = parseInt(m[1], 16);
  return `rgba(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
}
