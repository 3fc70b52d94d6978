import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveDatabasePath } from '../../store';
import { createAppServices } from '../../services/app';
import { startWebServer } from '../../server/http';
import { CliError } from '../errors';
import type { Output } from '../context';
import type { ExtraCommand } from '../extra-commands';

/** dist/renderer next to the bundled CLI (dist/cli.mjs). */
export function rendererDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'renderer');
}

async function serve(args: string[], io: Output): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        db: { type: 'string' },
        open: { type: 'boolean', default: false },
        host: { type: 'string' },
        backend: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message.replace(/\s*\n\s*/g, " ")} (see \`rgwb --help\`)`);
  }
  if (values.help) {
    io.out('usage: rgwb serve [--port N] [--db PATH] [--open]\nServes the workbench UI and API on http://127.0.0.1 (a per-launch token is in the printed URL).');
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be an integer in 0..65535, got "${values.port}"`);
  const host = values.host ?? '127.0.0.1';
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    throw new CliError('--host must be a loopback address (127.0.0.1, localhost or ::1); to reach a remote GPU server use an SSH tunnel');
  }
  const databasePath = resolveDatabasePath({ db: values.db, env: process.env });
  const services = createAppServices({ databasePath, engine: { backend: values.backend } });
  let server;
  try {
    server = await startWebServer({ handlers: services.handlers, subscribe: services.subscribe, staticDir: rendererDir(), port, host: host === 'localhost' ? '127.0.0.1' : host });
  } catch (error) {
    await services.shutdown();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${port} is already in use; choose another with --port or omit it for a free one`, 1);
    throw error;
  }
  io.out(`RG Workbench is serving ${databasePath}`);
  io.out(`open ${server.url}`);
  io.out('press Ctrl-C to stop');
  if (values.open) openBrowser(server.url, io);

  await new Promise<void>((resolvePromise) => {
    const stop = async () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.err('stopping: cancelling active runs (their completed work is kept)…');
      await server.close();
      await services.shutdown();
      resolvePromise();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

function openBrowser(url: string, io: Output) {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => io.err(`could not open a browser (${command}); open the URL above by hand`));
    child.unref();
  } catch {
    io.err('could not open a browser; open the URL above by hand');
  }
}

export const serveCommand: ExtraCommand = {
  name: 'serve',
  help: `
web mode
  serve [--port N] [--db PATH] [--open]
                                   serve the workbench UI on http://127.0.0.1 (token in the printed URL)
`,
  run: serve,
};
