/**
 * Checks, before a run is recorded, that every data file a spec names can be read: it exists, is
 * a file, is readable, and its format is known. A spec that passes the schema but names a missing
 * file is bad input like any other (one line naming the field, exit status 2, no run stored);
 * what is wrong inside a readable file is found when the run loads it, and fails that run with a
 * message naming the file.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SpecIssue } from '../../src-shared/experiments/validate';
import { fileFormat } from '../engine/datasets/files';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unreadable(full: string): string | null {
  let isFile: boolean;
  try {
    isFile = statSync(full).isFile();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `no such file: ${full}` : `cannot read ${full}: ${code ?? (error as Error).message}`;
  }
  if (!isFile) return `${full} is a folder, not a data file`;
  try {
    accessSync(full, constants.R_OK);
  } catch {
    return `cannot read ${full}: permission denied`;
  }
  return null;
}

/** Issues for the data files named anywhere in a validated spec (`{type: "file", path, labelsPath?}`). */
export function dataFileIssues(spec: unknown, baseDir: string = process.cwd()): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, String(i)]));
      return;
    }
    if (!isRecord(value)) return;
    if (value.type === 'file') {
      const format = value.format === 'csv' || value.format === 'npy' ? value.format : undefined;
      for (const key of ['path', 'labelsPath'] as const) {
        const file = value[key];
        if (typeof file !== 'string') continue;
        const where = [...path, key].join('.');
        const problem = unreadable(resolve(baseDir, file));
        if (problem) {
          issues.push({ path: where, message: problem });
          continue;
        }
        try {
          fileFormat(file, format);
        } catch (error) {
          issues.push({ path: where, message: (error as Error).message });
        }
      }
    }
    for (const [key, child] of Object.entries(value)) visit(child, [...path, key]);
  };
  visit(spec, []);
  return issues;
}
