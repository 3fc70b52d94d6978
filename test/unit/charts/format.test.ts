import { describe, expect, it } from 'vitest';
import { formatDuration, formatLogTick, formatNumber, formatValue, powerOfTenExponent } from '../../../src-shared/charts/format';

describe('log-axis tick labels', () => {
  it('labels tiny powers of ten with their exponent and a typographic minus', () => {
    expect(formatLogTick(1e-12)).toBe('1e\u221212');
    expect(formatLogTick(1e-300)).toBe('1e\u2212300');
    expect(formatLogTick(Math.pow(10, -12))).toBe('1e\u221212');
    expect(formatLogTick(1e-11 * 0.1)).toBe('1e\u221212');
  });
  it('keeps moderate powers of ten as plain decimals', () => {
    expect(formatLogTick(0.01)).toBe('0.01');
    expect(formatLogTick(1)).toBe('1');
    expect(formatLogTick(1000)).toBe('1000');
    expect(formatLogTick(1e4)).toBe('1e4');
    expect(formatLogTick(1e300)).toBe('1e300');
  });
  it('formats non-power ticks in exponent notation below 1e−3', () => {
    expect(formatLogTick(5e-13)).toBe('5e\u221213');
    expect(formatLogTick(2.5e-7)).toBe('2.5e\u22127');
  });
  it('recognises powers of ten at the ends of the double range', () => {
    expect(powerOfTenExponent(1e-300)).toBe(-300);
    expect(powerOfTenExponent(2e-5)).toBeNull();
    expect(powerOfTenExponent(0)).toBeNull();
    expect(powerOfTenExponent(-10)).toBeNull();
  });
});

describe('formatNumber', () => {
  it('never rounds small values to zero', () => {
    expect(formatNumber(1.234567e-12)).toBe('1.235e\u221212');
    expect(formatNumber(-6.0e-3, 3)).toBe('\u22120.006');
    expect(formatNumber(-5.07e-4, 3)).toBe('\u22125.07e\u22124');
    expect(formatNumber(123456)).toBe('1.235e5');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(0)).toBe('0');
  });
  it('formats durations and values', () => {
    expect(formatDuration(350)).toBe('350 ms');
    expect(formatDuration(4200)).toBe('4.2 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatValue([1, 2, 3])).toBe('1, 2, 3');
    expect(formatValue({ type: 'sign' })).toBe('{"type":"sign"}');
  });
});

describe('formatValue', () => {
  it('shows integers in full (trial counts, seeds) and other numbers with 6 figures', () => {
    expect(formatValue(200000)).toBe('200000');
    expect(formatValue(-3)).toBe('\u22123');
    expect(formatValue(1e-4)).toBe('1e\u22124');
    expect(formatValue(0.123456789)).toBe('0.123457');
  });
  it('shows a parameter a run lacks as "—", also after JSON turned undefined into null (Compare)', () => {
    expect(formatValue(undefined)).toBe('—');
    expect(formatValue(null)).toBe('—');
    expect(formatValue(JSON.parse(JSON.stringify({ values: [1, undefined] })).values[1])).toBe('—');
  });
});
