import type { z } from 'zod';

/** One problem with a spec, addressed by its dotted field path ("" for the whole spec). */
export interface SpecIssue {
  readonly path: string;
  readonly message: string;
}

export type Validation<S> = { readonly ok: true; readonly spec: S } | { readonly ok: false; readonly issues: readonly SpecIssue[] };

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** Turns zod's issues into short, field-addressed messages a person can act on. */
export function describeIssues(error: z.ZodError): SpecIssue[] {
  return error.issues.map((issue) => {
    const path = formatPath(issue.path);
    let message = issue.message;
    switch (issue.code) {
      case 'invalid_type':
        message = issue.input === undefined ? `is required (expected ${issue.expected})` : `expected ${issue.expected}, got ${describeValue(issue.input)}`;
        break;
      case 'unrecognized_keys':
        return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}` };
      case 'invalid_union':
        if ('options' in issue && Array.isArray(issue.options)) {
          message = `must be one of ${(issue.options as unknown[]).map((o) => JSON.stringify(o)).join(', ')}, got ${describeValue(issue.input)}`;
        }
        break;
      case 'invalid_value':
        message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(issue.input)}`;
        break;
      case 'too_small':
      case 'too_big':
        if (/^Too (small|big)/.test(message)) {
          const op = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
          const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
          message =
            issue.origin === 'array'
              ? `must have ${op} ${String(bound)} entries`
              : `must be ${op} ${String(bound)}, got ${describeValue(issue.input)}`;
        } else if (typeof issue.input === 'number') {
          message = `${message}, got ${issue.input}`;
        }
        break;
      default:
        break;
    }
    return { path, message };
  });
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value;
}

export function validateWith<S>(schema: z.ZodType<S>, input: unknown): Validation<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, spec: result.data };
  return { ok: false, issues: describeIssues(result.error) };
}

export function issuesToText(issues: readonly SpecIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
