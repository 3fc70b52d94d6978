/**
 * The only host globals src-shared may use: web-platform APIs that exist identically in Node,
 * browsers and worker threads. Everything else (fs, DOM, process) stays out of src-shared; the
 * shared tsconfig has `types: []`, so anything not declared here fails to compile.
 */
interface AbortSignal {
  readonly aborted: boolean;
}
declare function setTimeout(callback: () => void, ms?: number): unknown;
declare function structuredClone<T>(value: T): T;
