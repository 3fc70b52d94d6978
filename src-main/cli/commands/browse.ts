import { RUN_STATUSES, type RunFilter, type RunStatus } from '../../../src-shared/api/runs';
import { experimentKinds, findKind } from '../../../src-shared/experiments/registry';
import { flattenSpec } from '../../../src-shared/experiments/spec-edit';
import { compareRuns } from '../../../src-shared/api/compare';
import { CliError } from '../errors';
import { openCliStore, type Output } from '../context';
import { formatDuration, formatNumber, formatValue, table, toJson } from '../format';
import { describeRun } from './run';

export function parseRunId(text: string | undefined, usage: string): number {
  if (text === undefined) throw new CliError(usage);
  if (!/^\d+$/.test(text)) throw new CliError(`"${text}" is not a run id (a positive integer, see \`rgwb runs\`)`);
  return Number(text);
}

export function runsCommand(io: Output, opts: { db?: string; kind?: string; tag?: string; status?: string; text?: string; limit?: string; json: boolean }) {
  if (opts.status !== undefined && !(RUN_STATUSES as readonly string[]).includes(opts.status)) {
    throw new CliError(`--status must be one of ${RUN_STATUSES.join(', ')}, got "${opts.status}"`);
  }
  if (opts.kind !== undefined && !findKind(opts.kind)) {
    throw new CliError(`--kind must be an experiment kind (${experimentKinds.map((k) => k.kind).join(', ')}), got "${opts.kind}"`);
  }
  const limit = opts.limit === undefined ? 50 : Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError(`--limit must be an integer in 1..1000, got "${opts.limit}"`);
  const filter: RunFilter = {
    kind: opts.kind,
    tag: opts.tag,
    status: opts.status as RunStatus | undefined,
    text: opts.text,
    sortBy: 'id',
    sortDir: 'desc',
    limit,
  };
  const store = openCliStore(opts.db);
  try {
    const page = store.listRuns(filter);
    if (opts.json) {
      io.out(toJson(page));
      return;
    }
    if (page.total === 0) {
      io.out('no runs match (start one with `rgwb run <preset>`)');
      return;
    }
    io.out(
      table(
        ['id', 'kind', 'name', 'status', 'created', 'elapsed', 'tags'],
        page.runs.map((r) => [String(r.id), r.kind, r.name, r.status, r.createdAt.replace('T', ' ').slice(0, 19), formatDuration(r.elapsedMs), r.tags.join(',')]),
        [true],
      ),
    );
    if (page.total > page.runs.length) io.out(`(${page.runs.length} of ${page.total}; use --limit or filters)`);
  } finally {
    store.close();
  }
}

export function showCommand(io: Output, idText: string | undefined, opts: { db?: string; json: boolean; arrays: boolean }) {
  const id = parseRunId(idText, 'usage: rgwb show <id> [--json] [--arrays]');
  const store = openCliStore(opts.db);
  try {
    const run = store.getRun(id);
    if (opts.json) {
      io.out(toJson(opts.arrays ? { ...run, arrayData: Object.fromEntries(Object.entries(store.getArrays(id)).map(([k, a]) => [k, a])) } : run));
      return;
    }
    io.out(describeRun(run));
    io.out('\nspec:\n' + table(['parameter', 'value'], Object.entries(flattenSpec(run.spec)).map(([k, v]) => [k, formatValue(v)])));
  } finally {
    store.close();
  }
}

export function compareCommand(io: Output, ids: readonly string[], opts: { db?: string; json: boolean; all: boolean }) {
  if (ids.length < 2) throw new CliError('usage: rgwb compare <id> <id> [...] [--all] [--json]');
  const runIds = ids.map((t) => parseRunId(t, ''));
  const store = openCliStore(opts.db);
  try {
    const comparison = compareRuns(runIds.map((id) => store.getRun(id)));
    if (opts.json) {
      io.out(toJson(comparison));
      return;
    }
    const headers = ['', ...comparison.runs.map((r) => `#${r.id}`)];
    const shown = comparison.parameters.filter((p) => opts.all || p.differs);
    io.out(opts.all ? 'parameters (* = differs):' : 'parameters that differ (--all for every one):');
    if (shown.length === 0) io.out('  (none: the specs are identical)');
    else io.out(table(headers, shown.map((p) => [`${opts.all && p.differs ? '* ' : ''}${p.path}`, ...p.values.map(formatValue)])));
    io.out('\nmetrics:');
    if (comparison.metrics.length === 0) io.out('  (none)');
    else io.out(table(headers, comparison.metrics.map((m) => [m.name, ...m.values.map(formatNumber)]), [false, ...comparison.runs.map(() => true)]));
  } finally {
    store.close();
  }
}

export function tagCommand(io: Output, args: readonly string[], opts: { db?: string; remove: boolean; json?: boolean }) {
  const id = parseRunId(args[0], 'usage: rgwb tag <id> <tag> [<tag> ...] [--remove]');
  const tags = args.slice(1).map((t) => t.trim()).filter(Boolean);
  if (tags.length === 0) throw new CliError('usage: rgwb tag <id> <tag> [<tag> ...] [--remove]');
  const store = openCliStore(opts.db);
  try {
    if (opts.remove) store.removeTags(id, tags);
    else store.addTags(id, tags);
    const now = store.getRun(id).tags;
    io.out(opts.json ? toJson({ id, tags: now }) : `run ${id} tags: ${now.join(', ') || '(none)'}`);
  } finally {
    store.close();
  }
}

export function noteCommand(io: Output, args: readonly string[], opts: { db?: string; json?: boolean }) {
  const id = parseRunId(args[0], 'usage: rgwb note <id> <text>');
  if (args.length < 2) throw new CliError('usage: rgwb note <id> <text>   (an empty string "" clears the note)');
  const store = openCliStore(opts.db);
  try {
    const notes = args.slice(1).join(' ');
    store.setNotes(id, notes);
    io.out(opts.json ? toJson({ id, notes }) : `run ${id} note saved`);
  } finally {
    store.close();
  }
}

export function rmCommand(io: Output, ids: readonly string[], opts: { db?: string; json?: boolean }) {
  if (ids.length === 0) throw new CliError('usage: rgwb rm <id> [<id> ...]');
  const runIds = ids.map((t) => parseRunId(t, ''));
  const store = openCliStore(opts.db);
  try {
    for (const id of runIds) store.getRun(id); // unknown ids fail before anything is deleted
    store.deleteRuns(runIds);
    io.out(opts.json ? toJson({ deleted: runIds }) : `deleted ${runIds.length} run${runIds.length === 1 ? '' : 's'}: ${runIds.join(', ')}`);
  } finally {
    store.close();
  }
}

