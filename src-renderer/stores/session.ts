/**
 * View state kept across a reload of the tab (filters, sort, Compare's choices) in sessionStorage.
 * Where there is no storage (tests in Node, storage disabled) views simply start fresh.
 */
export const SESSION_KEYS = {
  runsQuery: 'rgwb.runs.query',
  compareView: 'rgwb.compare.view',
} as const;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null; // access can throw where storage is blocked
  }
}

/** The stored JSON value, or undefined (absent, unreadable, no storage). */
export function readSession(key: string): unknown {
  try {
    const text = storage()?.getItem(key);
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

export function writeSession(key: string, value: unknown): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // full or blocked: the state is just not remembered
  }
}
