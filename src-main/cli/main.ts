/**
 * `rgwb`: the RG Workbench command line. Every command opens the same run store as the desktop
 * app and web mode (`--db PATH` or RGWB_DB overrides the per-user default).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { RunNotFoundError, StoreOpenError, StoreVersionError } from '../store';
import { SpecValidationError } from '../services/runs';
import { TensorBackendUnavailableError } from '../engine/tensor/backends';
import { APP_VERSION } from '../services/environment';
import { CliError } from './errors';
import { processOutput, type Output } from './context';
import { kindsCommand, presetsCommand, specCommand } from './commands/presets';
import { runCommand } from './commands/run';
import { compareCommand, noteCommand, rmCommand, runsCommand, showCommand, tagCommand } from './commands/browse';
import { exportDataCommand } from './commands/export';
import { extraCommands } from './extra-commands';

const HELP = `rgwb ${APP_VERSION}: Wilsonian RG analysis of NNGP kernel regression, with a run store

usage: rgwb <command> [options]

experiments
  presets [--json]                 list the presets (the talk's settings)
  kinds [--json]                   list experiment kinds with every spec field explained
  spec <preset | kind>             print a full spec (defaults filled) to start a spec file from
  run <preset | spec.json>         run an experiment and store it
      [--set path=value ...]       override spec fields, e.g. --set ridge=1e-3 --set source.modeCount=8000
      [--name N] [--tag T ...] [--json]
${extraCommands.map((c) => c.help).join('')}
run store
  runs [--kind K] [--tag T] [--status S] [--text Q] [--limit N] [--json]
  show <id> [--json] [--arrays]    one run: provenance, metrics, spec (--arrays adds array data to --json)
  compare <id> <id> [...] [--all] [--json]
                                   parameters that differ and metrics side by side
  tag <id> <tag> [...] [--remove]  add (or remove) tags
  note <id> <text>                 set a run's note
  rm <id> [...]                    delete runs
  export-data <id> --format csv|json --out PATH

options on every command
  --db PATH    run store file (default: $RGWB_DB, else the app's per-user data folder)
  --help       this text

Exit status: 0 ok, 1 a run failed, 2 bad input, 130 cancelled.`;

const common = {
  db: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...common, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's message can run to three lines: keep it to one.
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/\s*\n\s*/g, ' ');
    throw new CliError(`${message} (see \`rgwb --help\`)`);
  }
}

export async function main(argv: string[], io: Output = processOutput): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP);
    return 0;
  }
  if (command === '--version' || command === '-v') {
    io.out(APP_VERSION);
    return 0;
  }
  switch (command) {
    case 'presets': {
      const { values } = parse(rest, {});
      if (values.help) return help(io);
      presetsCommand(io, { json: values.json });
      return 0;
    }
    case 'kinds': {
      const { values } = parse(rest, {});
      if (values.help) return help(io);
      kindsCommand(io, { json: values.json });
      return 0;
    }
    case 'spec': {
      const { values, positionals } = parse(rest, {});
      if (values.help) return help(io);
      specCommand(io, positionals[0]);
      return 0;
    }
    case 'run': {
      const { values, positionals } = parse(rest, {
        set: { type: 'string', multiple: true },
        name: { type: 'string' },
        tag: { type: 'string', multiple: true },
        backend: { type: 'string' },
      });
      if (values.help) return help(io);
      if (positionals.length > 1) throw new CliError(`rgwb run takes one preset or spec file, got ${positionals.length}: ${positionals.join(' ')}`);
      return runCommand(io, positionals[0], {
        db: values.db,
        set: values.set ?? [],
        name: values.name,
        tags: values.tag ?? [],
        json: values.json,
        backend: values.backend,
      });
    }
    case 'runs': {
      const { values } = parse(rest, {
        kind: { type: 'string' },
        tag: { type: 'string' },
        status: { type: 'string' },
        text: { type: 'string' },
        limit: { type: 'string' },
      });
      if (values.help) return help(io);
      runsCommand(io, values);
      return 0;
    }
    case 'show': {
      const { values, positionals } = parse(rest, { arrays: { type: 'boolean', default: false } });
      if (values.help) return help(io);
      showCommand(io, positionals[0], { db: values.db, json: values.json, arrays: values.arrays });
      return 0;
    }
    case 'compare': {
      const { values, positionals } = parse(rest, { all: { type: 'boolean', default: false } });
      if (values.help) return help(io);
      compareCommand(io, positionals, { db: values.db, json: values.json, all: values.all });
      return 0;
    }
    case 'tag': {
      const { values, positionals } = parse(rest, { remove: { type: 'boolean', default: false } });
      if (values.help) return help(io);
      tagCommand(io, positionals, { db: values.db, remove: values.remove, json: values.json });
      return 0;
    }
    case 'note': {
      const { values, positionals } = parse(rest, {});
      if (values.help) return help(io);
      noteCommand(io, positionals, { db: values.db, json: values.json });
      return 0;
    }
    case 'rm': {
      const { values, positionals } = parse(rest, {});
      if (values.help) return help(io);
      rmCommand(io, positionals, { db: values.db, json: values.json });
      return 0;
    }
    case 'export-data': {
      const { values, positionals } = parse(rest, { format: { type: 'string' }, out: { type: 'string' } });
      if (values.help) return help(io);
      exportDataCommand(io, positionals[0], { db: values.db, format: values.format, out: values.out, json: values.json });
      return 0;
    }
    default: {
      const extra = extraCommands.find((c) => c.name === command);
      if (extra) return extra.run(rest, io);
      throw new CliError(`unknown command "${command}" (see \`rgwb --help\`)`);
    }
  }
}

function help(io: Output) {
  io.out(HELP);
  return 0;
}

/** Maps an error to one line on stderr and an exit status. Stack traces only with RGWB_DEBUG=1. */
export function reportError(error: unknown, io: Output = processOutput): number {
  if (process.env.RGWB_DEBUG) io.err(String((error as Error)?.stack ?? error));
  if (error instanceof CliError) {
    io.err(`rgwb: ${error.message}`);
    return error.exitCode;
  }
  if (error instanceof SpecValidationError) {
    io.err(`rgwb: ${error.message}`);
    return 2;
  }
  if (error instanceof RunNotFoundError) {
    io.err(`rgwb: ${error.message}`);
    return 2;
  }
  if (error instanceof StoreOpenError) {
    io.err(`rgwb: ${error.message}`);
    return 2;
  }
  if (error instanceof StoreVersionError) {
    io.err(`rgwb: ${error.message}`);
    return 2;
  }
  // --backend named an unknown backend, or one this machine does not have (no run is stored).
  if (error instanceof TensorBackendUnavailableError) {
    io.err(`rgwb: ${error.message}`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.err(`rgwb: ${message}`);
  return 1;
}
