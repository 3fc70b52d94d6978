import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/store/open';

const require = createRequire(import.meta.url);
import { openStore } from '../../src-main/store';
import { ENVIRONMENT, startWorker, tempDir } from '../fixtures/store/helpers';

const WORKERS = 4;
const RUNS_EACH = 200;

describe('several processes sharing one database file', () => {
  it('four child processes and this one create, run and complete runs at once without SQLITE_BUSY', async () => {
    const tmp = tempDir();
    try {
      const file = tmp.file(); // does not exist yet: the workers race to create and migrate it
      const workers = Array.from({ length: WORKERS }, (_, w) => startWorker(['write', file, `w${w}`, String(RUNS_EACH)]));
      for (const worker of workers) expect(await worker.nextLine()).toBe('ready');

      const store = openStore(file);
      try {
        for (const worker of workers) worker.send('go');
        const reports = workers.map((worker) => worker.nextLine());

        // Write from this process too while the children write, yielding so their output is read.
        const mine: number[] = [];
        const errors: string[] = [];
        for (let i = 0; i < RUNS_EACH; i++) {
          try {
            const id = store.createRun({ kind: 'concurrency', name: `main-${i}`, spec: { seed: i }, seed: i, environment: ENVIRONMENT });
            store.markRunning(id);
            store.addTags(id, ['main']);
            store.completeRun(id, { metrics: { i }, arrays: {}, diagnostics: [] }, { status: 'succeeded', elapsedMs: 1 });
            mine.push(id);
          } catch (error) {
            errors.push((error as Error).message);
          }
          if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
        }

        const parsed = (await Promise.all(reports)).map((line) => JSON.parse(line) as { label: string; ids: number[]; errors: string[] });
        for (const worker of workers) expect(await worker.exited, worker.stderr()).toBe(0);
        expect(errors).toEqual([]);
        for (const report of parsed) {
          expect(report.errors, report.label).toEqual([]);
          expect(report.ids).toHaveLength(RUNS_EACH);
        }

        const total = (WORKERS + 1) * RUNS_EACH;
        const page = store.listRuns({ kind: 'concurrency', status: 'succeeded', limit: 1000 });
        expect(page.total).toBe(total);
        const allIds = [...mine, ...parsed.flatMap((r) => r.ids)];
        expect(new Set(allIds).size).toBe(total);
        expect(new Set(page.runs.map((r) => r.id))).toEqual(new Set(allIds));
        for (const report of parsed) {
          const names = new Set(page.runs.filter((r) => r.name.startsWith(`${report.label}-`)).map((r) => r.name));
          expect(names.size).toBe(RUNS_EACH);
        }
        // The writes really overlapped: every writer's id range interleaves with another's.
        const ranges = [mine, ...parsed.map((r) => r.ids)].map((ids) => [Math.min(...ids), Math.max(...ids)]);
        const overlaps = (i: number) => ranges.some(([lo, hi], j) => j !== i && lo < ranges[i][1] && ranges[i][0] < hi);
        expect(ranges.filter((_, i) => overlaps(i)).length).toBeGreaterThanOrEqual(2);
        const someChildRun = parsed[0].ids[17];
        expect(Array.from(store.getArray(someChildRun, 'a').data)).toEqual([17, 1, 2, 3]);
        expect(store.listRuns({ tag: 'main' }).total).toBe(RUNS_EACH);
        expect(store.schemaVersion).toBeGreaterThan(0);
      } finally {
        store.close();
      }
    } finally {
      tmp.cleanup();
    }
  });
});

describe('opening a new database file while another connection reads it', () => {
  // The switch to WAL needs an exclusive lock: openDatabase must wait for a reader, not fail.
  // (This case goes through SQLite's busy handler. The race that answers SQLITE_BUSY without it,
  // which switchToWal retries, needs another process mid-switch and is not reproduced here.)
  it('waits for the reader instead of failing with "database is locked"', async () => {
    const tmp = tempDir();
    try {
      const file = tmp.file();
      // Another thread opens the new file (rollback journal) and holds a read lock for 300 ms.
      const reader = new Worker(
        `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
         const { parentPort } = require('node:worker_threads');
         const db = new Database(${JSON.stringify(file)});
         db.exec('BEGIN');
         db.prepare("SELECT count(*) FROM sqlite_schema").get();
         parentPort.postMessage('locked');
         setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);`,
        { eval: true },
      );
      await new Promise((resolve) => reader.once('message', resolve));
      const { db } = openDatabase(file, { busyTimeoutMs: 5000, migrations: [] });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
      await reader.terminate();
    } finally {
      tmp.cleanup();
    }
  });
});
