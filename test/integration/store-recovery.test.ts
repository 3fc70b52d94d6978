import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/store';
import { deadPid, ENVIRONMENT, startWorker, tempDir } from '../fixtures/store/helpers';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe('recovering runs left behind by dead processes', () => {
  it('a run whose process exited mid-run becomes interrupted when the store is next opened', async () => {
    const worker = startWorker(['abandon', tmp.file()]);
    const id = Number(await worker.nextLine());
    expect(await worker.exited).toBe(0);

    const store = openStore(tmp.file()); // runs recoverInterrupted
    try {
      const run = store.getRun(id);
      expect(run.status).toBe('interrupted');
      expect(run.finishedAt).not.toBeNull();
      expect(run.error).toMatch(new RegExp(`^interrupted: process ${worker.child.pid} on .+ ended before the run finished$`));
      expect(store.recoverInterrupted()).toBe(0);
    } finally {
      store.close();
    }
  });

  it("leaves a live process's run alone, and recovers it once that process is gone", async () => {
    const worker = startWorker(['hold', tmp.file()]);
    const id = Number(await worker.nextLine());
    const store = openStore(tmp.file());
    try {
      expect(store.getRun(id).status).toBe('running');
      expect(store.recoverInterrupted()).toBe(0);
      worker.child.stdin!.end();
      expect(await worker.exited).toBe(0);
      expect(store.recoverInterrupted()).toBe(1);
      expect(store.getRun(id).status).toBe('interrupted');
    } finally {
      store.close();
    }
  });

  it('recovers queued rows claimed by a dead pid; leaves other hosts, this process and finished runs alone', async () => {
    const store = openStore(tmp.file());
    try {
      const create = (name: string) => store.createRun({ kind: 'k', name, spec: { seed: 1 }, seed: 1, environment: ENVIRONMENT });
      const queuedDead = create('queued, dead owner');
      const runningDead = create('running, dead owner');
      const otherHost = create('running on another host');
      const mine = create('running here');
      const finished = create('finished, dead owner');
      store.markRunning(runningDead);
      store.markRunning(otherHost);
      store.markRunning(mine);
      store.markRunning(finished);
      store.completeRun(finished, { metrics: {}, arrays: {}, diagnostics: [] }, { status: 'succeeded', elapsedMs: 1 });

      const pid = await deadPid();
      const setOwner = store.db.prepare('UPDATE runs SET owner_pid = ?, owner_host = coalesce(?, owner_host) WHERE id = ?');
      setOwner.run(pid, null, queuedDead);
      setOwner.run(pid, null, runningDead);
      setOwner.run(pid, 'some-other-machine', otherHost);
      setOwner.run(pid, null, finished);

      expect(store.recoverInterrupted()).toBe(2);
      const status = (id: number) => store.getRun(id).status;
      expect([queuedDead, runningDead, otherHost, mine, finished].map(status)).toEqual([
        'interrupted',
        'interrupted',
        'running',
        'running',
        'succeeded',
      ]);
      expect(store.getRun(finished).error).toBeNull();
    } finally {
      store.close();
    }
  });
});
