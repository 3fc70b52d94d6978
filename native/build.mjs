// Builds the optional native LAPACK addon (native/build/Release/rgwb_linalg.node) when the
// system has what it needs: LAPACKE + CBLAS headers, liblapacke and libopenblas, node-addon-api
// and node-gyp. Otherwise prints ONE line saying why the fast path is unavailable and exits 0:
// the app then uses the pure-TypeScript linear algebra (src-shared/science/linalg).
//
//   node native/build.mjs            build if missing or older than its sources
//   node native/build.mjs --force    always rebuild
//   RGWB_SKIP_NATIVE=1               skip (one line, exit 0)
//
// Debian/Ubuntu: apt-get install libopenblas-dev liblapacke-dev
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const addon = join(here, 'build', 'Release', 'rgwb_linalg.node');
const sources = [join(here, 'binding.gyp'), join(here, 'src', 'linalg.cc')];
const shown = relative(root, addon);

function done(line) {
  console.log(`rgwb: ${line}`);
  process.exit(0);
}
function unavailable(why) {
  done(`native LAPACK fast path unavailable (${why}); using pure TypeScript linear algebra`);
}

/** Directories to search: the usual ones plus multiarch subfolders such as x86_64-linux-gnu. */
function withMultiarch(dirs) {
  const out = [];
  for (const d of dirs) {
    if (!existsSync(d)) continue;
    out.push(d);
    try {
      for (const e of readdirSync(d)) if (/-linux-gnu|openblas/.test(e)) out.push(join(d, e));
    } catch {
      /* unreadable: skip */
    }
  }
  return out;
}
function findFile(dirs, names) {
  for (const d of dirs) for (const n of names) if (existsSync(join(d, n))) return join(d, n);
  return undefined;
}

if (process.env.RGWB_SKIP_NATIVE) unavailable('skipped: RGWB_SKIP_NATIVE is set');
if (process.platform === 'win32') unavailable('no Windows build recipe yet');

const includeDirs = withMultiarch(['/usr/include', '/usr/local/include', '/opt/homebrew/include', '/opt/homebrew/opt/openblas/include']);
const libDirs = withMultiarch(['/usr/lib', '/usr/lib64', '/lib', '/usr/local/lib', '/opt/homebrew/lib', '/opt/homebrew/opt/openblas/lib']);
const so = process.platform === 'darwin' ? 'dylib' : 'so';
const missing = [];
if (!findFile(includeDirs, ['lapacke.h'])) missing.push('lapacke.h');
if (!findFile(includeDirs, ['cblas.h'])) missing.push('cblas.h');
if (!findFile(libDirs, [`liblapacke.${so}`])) missing.push(`liblapacke.${so}`);
if (!findFile(libDirs, [`libopenblas.${so}`])) missing.push(`libopenblas.${so}`);
if (missing.length > 0) unavailable(`missing ${missing.join(', ')}; install libopenblas-dev liblapacke-dev`);

const require = createRequire(import.meta.url);
try {
  require.resolve('node-addon-api');
} catch {
  unavailable('node-addon-api is not installed');
}

const nodeGyp = [
  process.env.npm_config_node_gyp,
  join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  (() => {
    try {
      return require.resolve('node-gyp/bin/node-gyp.js');
    } catch {
      return undefined;
    }
  })(),
].find((p) => p && existsSync(p));
if (!nodeGyp) unavailable('node-gyp not found (it ships with npm)');

const force = process.argv.includes('--force');
if (!force && existsSync(addon)) {
  const built = statSync(addon).mtimeMs;
  if (sources.every((s) => statSync(s).mtimeMs <= built)) done(`native LAPACK fast path up to date (${shown})`);
}

// Use the local Node headers when they are installed (no download, works offline).
const args = [nodeGyp, 'rebuild', '--directory', here];
const nodedir = process.env.npm_config_nodedir || join(dirname(process.execPath), '..');
if (existsSync(join(nodedir, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${nodedir}`);

const res = spawnSync(process.execPath, args, { cwd: here, encoding: 'utf8', timeout: 300_000 });
if (res.error || res.status !== 0 || !existsSync(addon)) {
  const text = `${res.stdout ?? ''}\n${res.stderr ?? ''}`;
  const firstError =
    text.split('\n').find((l) => /error:|fatal error|cannot find|not found/i.test(l) && !/^gyp info/.test(l)) ??
    res.error?.message ??
    `node-gyp exited with status ${res.status}`;
  unavailable(`build failed: ${firstError.trim().slice(0, 200)}`);
}
done(`native LAPACK fast path built (${shown})`);
