/**
 * Number formatting for axes, tooltips and tables. Exponents use the Unicode minus sign
 * (1e−12), and values far below 1e−10 keep their exponent instead of rounding to 0.
 */
const MINUS = '\u2212';

function typographicMinus(text: string): string {
  return text.replace(/-/g, MINUS);
}

/** Decimal exponent e such that value = 10^e, or null when value is not (close to) a power of ten. */
export function powerOfTenExponent(value: number): number | null {
  if (!(value > 0) || !Number.isFinite(value)) return null;
  const e = Math.round(Math.log10(value));
  // Compare in the mantissa to stay exact near the ends of the double range (1e−300, 1e300).
  const mantissa = value / 10 ** e;
  return Math.abs(mantissa - 1) < 1e-9 ? e : null;
}

/**
 * General number format: `digits` significant figures; plain decimals for 1e−3 ≤ |v| < 1e5,
 * exponent notation otherwise (1.23e−12). null/NaN → "—".
 */
export function formatNumber(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return `${MINUS}∞`;
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (Number.isInteger(value) && abs < 1e15 && abs >= 1e-3 && abs < 1e5) return typographicMinus(String(value));
  if (abs >= 1e-3 && abs < 1e5) {
    return typographicMinus(String(Number(value.toPrecision(digits))));
  }
  const [mantissa, exponent] = value.toExponential(Math.max(0, digits - 1)).split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return typographicMinus(`${trimmed}e${Number(exponent)}`);
}

/**
 * Tick label of a logarithmic axis: powers of ten as 0.01 … 1000 in plain decimals and as
 * "1e−12" (Unicode minus) outside; other ticks with 3 significant figures.
 */
export function formatLogTick(value: number): string {
  const e = powerOfTenExponent(value);
  if (e === null) return formatNumber(value, 3);
  if (e >= -2 && e <= 3) return String(10 ** e);
  return typographicMinus(`1e${e}`);
}

/** Tick label of a linear axis. */
export function formatLinearTick(value: number): string {
  return formatNumber(value, 4);
}

/** Duration in ms → "1 h 02 min", "3 min 05 s", "4.2 s", "350 ms". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const totalS = Math.round(s);
  const h = Math.floor(totalS / 3600);
  const min = Math.floor((totalS % 3600) / 60);
  const sec = totalS % 60;
  if (h > 0) return `${h} h ${String(min).padStart(2, '0')} min`;
  return `${min} min ${String(sec).padStart(2, '0')} s`;
}

/**
 * A parameter value for tables: numbers formatted, arrays comma-separated, objects as JSON. A
 * value a run lacks ("—") arrives as undefined, or as null once it has crossed JSON (Compare).
 */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? typographicMinus(String(value)) : formatNumber(value, 6);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'number')) {
      const shown = value.slice(0, 12).map((v) => formatNumber(v as number, 6));
      return value.length > 12 ? `${shown.join(', ')}, … (${value.length})` : shown.join(', ');
    }
    return JSON.stringify(value);
  }
  return JSON.stringify(value);
}
