import { hostname } from 'node:os';

/** This host's name as recorded in `runs.owner_host`. */
export function currentHost(): string {
  return hostname();
}

/**
 * Whether a process with this pid exists on this host: signal 0 checks without sending.
 * ESRCH means gone; EPERM means it exists but belongs to another user (alive).
 * A recycled pid reads as alive, which errs on the safe side (the row is left alone).
 */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
