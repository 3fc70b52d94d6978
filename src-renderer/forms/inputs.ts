/**
 * Parsing and checking what a person types into the form. The draft keeps the parsed value, or
 * the raw text when it does not parse, so a bad entry is never silently replaced (the server then
 * rejects it too, at the same path).
 */
import type { SpecIssue } from '../../src-shared/experiments/validate';
import { getAtPath } from '../../src-shared/experiments/spec-edit';
import { walk, type FormNode, type NumberBounds } from './form-model';

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** A number as typed ("1e-4", "-0.5", "100"); empty text means "use the default" (undefined). */
export function parseNumber(text: string): Parsed<number | undefined> {
  const t = text.trim().replace(/\u2212/g, '-');
  if (t === '') return { ok: true, value: undefined };
  const v = Number(t);
  if (Number.isNaN(v)) return { ok: false, message: `"${text.trim()}" is not a number` };
  if (!Number.isFinite(v)) return { ok: false, message: 'must be a finite number' };
  return { ok: true, value: v };
}

/** Comma- (or space-) separated numbers: "10, 20, 50". */
export function parseNumberList(text: string): Parsed<number[]> {
  const t = text.trim();
  if (t === '') return { ok: true, value: [] };
  const tokens = t.split(/[\s,;]+/).filter((s) => s !== '');
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const p = parseNumber(tokens[i]);
    if (!p.ok || p.value === undefined) return { ok: false, message: `entry ${i + 1} ("${tokens[i]}") is not a number` };
    out.push(p.value);
  }
  return { ok: true, value: out };
}

export function formatNumberInput(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined || value === null) return '';
  return String(value);
}

export function formatNumberListInput(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ');
  return value === undefined || value === null ? '' : String(value);
}

/** Bound violations of one number, as a message (null when fine). */
export function checkBounds(value: number, b: NumberBounds, integer: boolean): string | null {
  if (integer && !Number.isInteger(value)) return 'must be an integer';
  // The exclusive bound first: for σ² > 0 and σ² ≥ 1e-300, a negative value reads "must be > 0".
  if (b.exclusiveMinimum !== undefined && value <= b.exclusiveMinimum) return `must be > ${b.exclusiveMinimum}`;
  if (b.minimum !== undefined && value < b.minimum) return `must be ≥ ${b.minimum}`;
  if (b.maximum !== undefined && value > b.maximum) return `must be ≤ ${b.maximum}`;
  if (b.exclusiveMaximum !== undefined && value >= b.exclusiveMaximum) return `must be < ${b.exclusiveMaximum}`;
  return null;
}

/** Client-side checks of number fields and number lists (the server checks everything again). */
export function checkDraft(nodes: readonly FormNode[], draft: unknown): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const node of walk(nodes)) {
    const value = getAtPath(draft, node.path.split('.'));
    if (node.type === 'number') {
      if (typeof value === 'string') {
        const p = parseNumber(value);
        issues.push({ path: node.path, message: p.ok ? 'is not a number' : p.message });
      } else if (typeof value === 'number') {
        const m = checkBounds(value, node.bounds, node.integer);
        if (m) issues.push({ path: node.path, message: m });
      }
    } else if (node.type === 'number-list') {
      if (typeof value === 'string') {
        const p = parseNumberList(value);
        issues.push({ path: node.path, message: p.ok ? 'is not a list of numbers' : p.message });
      } else if (Array.isArray(value)) {
        if (node.minItems !== undefined && value.length < node.minItems) issues.push({ path: node.path, message: `needs at least ${node.minItems} values` });
        else if (node.maxItems !== undefined && value.length > node.maxItems) issues.push({ path: node.path, message: `takes at most ${node.maxItems} values` });
        else {
          for (let i = 0; i < value.length; i++) {
            const m = typeof value[i] === 'number' ? checkBounds(value[i] as number, node.bounds, node.integer) : 'is not a number';
            if (m) {
              issues.push({ path: node.path, message: `entry ${i + 1} ${m}` });
              break;
            }
          }
        }
      }
    }
  }
  return issues;
}
