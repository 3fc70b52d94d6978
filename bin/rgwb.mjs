#!/usr/bin/env node
// The `rgwb` command: runs the bundled CLI (built into dist/ by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.mjs');
if (!existsSync(cli)) {
  process.stderr.write('rgwb: the CLI is not built yet; run `npm install` (or `npm run build`) in the project folder\n');
  process.exit(2);
}
// `rgwb kinds | head`: a reader that stops early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main, reportError } = await import(pathToFileURL(cli).href);
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.exitCode = reportError(error);
}
