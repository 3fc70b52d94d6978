import { allPresets, experimentKinds, findKind, findPreset } from '../../../src-shared/experiments/registry';
import { CliError } from '../errors';
import type { Output } from '../context';
import { table, toJson } from '../format';

export function presetsCommand(io: Output, opts: { json: boolean }) {
  const presets = allPresets();
  if (opts.json) {
    io.out(toJson(presets.map((p) => ({ name: p.preset.name, kind: p.kind, title: p.preset.title, description: p.preset.description, spec: p.preset.spec }))));
    return;
  }
  io.out(table(['preset', 'kind', 'what it reproduces'], presets.map((p) => [p.preset.name, p.kind, p.preset.title])));
  io.out('\nRun one with `rgwb run <preset>`; see its full spec with `rgwb spec <preset>`.');
}

export function kindsCommand(io: Output, opts: { json: boolean }) {
  if (opts.json) {
    io.out(toJson(experimentKinds.map((k) => ({ kind: k.kind, title: k.title, description: k.description, fields: k.fields, metrics: k.metrics }))));
    return;
  }
  for (const k of experimentKinds) {
    io.out(`${k.kind}: ${k.title}\n  ${k.description}\n`);
    io.out(table(['field', 'meaning'], Object.entries(k.fields).map(([path, doc]) => [path, `${doc.label}${doc.symbol ? ` (${doc.symbol})` : ''}${doc.unit ? ` [${doc.unit}]` : ''}: ${doc.help}`])));
    io.out('');
  }
}

/** Prints the full (defaults-filled) spec of a preset or kind: a starting point for a spec file. */
export function specCommand(io: Output, ref: string | undefined) {
  if (!ref) throw new CliError('usage: rgwb spec <preset | kind>');
  const preset = findPreset(ref);
  if (preset) {
    const kind = findKind(preset.kind)!;
    io.out(toJson({ kind: preset.kind, name: preset.preset.name, spec: kind.schema.parse(preset.preset.spec) }));
    return;
  }
  const kind = findKind(ref);
  if (!kind) throw new CliError(`unknown preset or kind "${ref}" (see \`rgwb presets\`)`);
  io.out(toJson({ kind: kind.kind, spec: kind.schema.parse({}) }));
}
