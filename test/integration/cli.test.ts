import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, rgwb, tempDb } from './cli-helpers';

function json<T = any>(text: string): T {
  return JSON.parse(text) as T;
}

describe('rgwb command line', () => {
  it('prints help and lists the talk presets', () => {
    const help = rgwb(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: rgwb <command>');
    const presets = rgwb(['presets', '--json']);
    expect(presets.status).toBe(0);
    const names = json<{ name: string }[]>(presets.stdout).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['universal-flow-power-law', 'scaling-law-power-law', 'toy-theory']));
  });

  it('runs the toy theory preset, stores it, and shows it again', () => {
    const db = tempDb();
    const run = rgwb(['run', 'toy-theory', '--db', db, '--json', '--tag', 'fig3']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const record = json(run.stdout);
    expect(record).toMatchObject({ kind: 'toy-theory', status: 'succeeded', tags: ['fig3'] });
    expect(record.spec).toMatchObject({ sampleCount: 100, ridge: 400, lambda1: 1, lambda2: 0.1 });
    expect(record.environment.backend).toMatch(/float64/);
    expect(typeof record.elapsedMs).toBe('number');
    // rg-theory.md §5 reference table, λ₁ = 1.
    expect(record.metrics.theoryLeading).toBeCloseTo(-6.0e-3, 5);
    expect(record.metrics.theoryReweighted).toBeCloseTo(-5.59e-3, 5);
    expect(record.metrics.theoryFiniteN).toBeCloseTo(-4.8e-3, 5);
    expect(record.metrics.learnability1).toBeCloseTo(0.2, 12);

    const shown = json(rgwb(['show', String(record.id), '--db', db, '--json']).stdout);
    expect(shown.metrics).toEqual(record.metrics);
    const human = rgwb(['show', String(record.id), '--db', db]);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain('theoryReweighted');
    expect(human.stdout).toContain('lambda2');
  });

  it('applies --set overrides and records them in the spec', () => {
    const db = tempDb();
    const run = rgwb(['run', 'toy-theory', '--db', db, '--json', '--set', 'lambda1=4', '--name', 'lambda1 = 4']);
    expect(run.status).toBe(0);
    const record = json(run.stdout);
    expect(record.name).toBe('lambda1 = 4');
    expect(record.spec.lambda1).toBe(4);
    expect(record.metrics.theoryLeading).toBeCloseTo(-1.5e-2, 5);
    expect(record.metrics.theoryFiniteN).toBeCloseTo(-9.4e-3, 5);
  });

  it('runs the universal-flow preset with the named metrics and arrays', () => {
    const db = tempDb();
    const run = rgwb(['run', 'universal-flow-power-law', '--db', db, '--json']);
    expect(run.status).toBe(0);
    const record = json(run.stdout);
    for (const m of ['cutoff', 'renormalizedRidge', 'rgMse', 'ekMse', 'effectiveRidge', 'eigenlearningMse']) {
      expect(record.metrics[m], m).toEqual(expect.any(Number));
    }
    const names = record.arrays.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(['eigenvalues', 'targetCoefficients', 'renormalizedRidge', 'learnability']));
    const P = record.spec.source.modeCount;
    const ridgeArray = record.arrays.find((a: { name: string }) => a.name === 'renormalizedRidge');
    expect(ridgeArray.shape).toEqual([P + 1]);
  });

  it('runs a learning-curve theory from a spec file and exports CSV and JSON', () => {
    const db = tempDb();
    const specFile = join(dirname(db), 'curve.json');
    writeFileSync(
      specFile,
      JSON.stringify({ kind: 'learning-curve-theory', name: 'small curve', spec: { source: { type: 'power-law', modeCount: 2000 }, ridge: 1e-4, sampleCounts: [10, 20, 40, 80] } }),
    );
    const run = rgwb(['run', specFile, '--db', db, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const record = json(run.stdout);
    expect(record.name).toBe('small curve');
    const csvPath = join(dirname(db), 'out', 'curve.csv');
    const exported = rgwb(['export-data', String(record.id), '--db', db, '--format', 'csv', '--out', csvPath]);
    expect(exported.status).toBe(0);
    const lines = readFileSync(csvPath, 'utf8').trim().split('\n');
    const header = lines.find((l) => !l.startsWith('#'))!.split(',');
    expect(header).toEqual(expect.arrayContaining(['sampleCounts', 'mseEigenlearning', 'mseRg', 'mseEk']));
    const dataRows = lines.filter((l) => !l.startsWith('#')).slice(1);
    expect(dataRows).toHaveLength(4);
    expect(Number(dataRows[0].split(',')[header.indexOf('sampleCounts')])).toBe(10);
    const jsonPath = join(dirname(db), 'curve.json.out.json');
    expect(rgwb(['export-data', String(record.id), '--db', db, '--format', 'json', '--out', jsonPath]).status).toBe(0);
    const doc = json(readFileSync(jsonPath, 'utf8'));
    expect(doc.arrays.sampleCounts.data).toEqual([10, 20, 40, 80]);
  });

  it('lists, filters, tags, notes, compares and removes runs', () => {
    const db = tempDb();
    const a = json(rgwb(['run', 'toy-theory', '--db', db, '--json']).stdout);
    const b = json(rgwb(['run', 'toy-theory', '--db', db, '--json', '--set', 'lambda2=0', '--tag', 'null']).stdout);
    const c = json(rgwb(['run', 'universal-flow-power-law', '--db', db, '--json']).stdout);

    const all = json(rgwb(['runs', '--db', db, '--json']).stdout);
    expect(all.total).toBe(3);
    const toys = json(rgwb(['runs', '--db', db, '--json', '--kind', 'toy-theory']).stdout);
    expect(toys.runs.map((r: { id: number }) => r.id).sort()).toEqual([a.id, b.id].sort());
    const tagged = json(rgwb(['runs', '--db', db, '--json', '--tag', 'null']).stdout);
    expect(tagged.runs.map((r: { id: number }) => r.id)).toEqual([b.id]);

    expect(rgwb(['tag', String(a.id), 'keep', 'fig3', '--db', db]).status).toBe(0);
    expect(rgwb(['note', String(a.id), 'reference', 'run', '--db', db]).status).toBe(0);
    const shownA = json(rgwb(['show', String(a.id), '--db', db, '--json']).stdout);
    expect(shownA.tags.sort()).toEqual(['fig3', 'keep']);
    expect(shownA.notes).toBe('reference run');

    const cmp = json(rgwb(['compare', String(a.id), String(b.id), '--db', db, '--json']).stdout);
    const differing = cmp.parameters.filter((p: { differs: boolean }) => p.differs).map((p: { path: string }) => p.path);
    expect(differing).toEqual(['lambda2']);
    const leading = cmp.metrics.find((m: { name: string }) => m.name === 'theoryLeading');
    expect(leading.values[1]).toBe(0);
    expect(leading.values[0]).toBeLessThan(0);
    const human = rgwb(['compare', String(a.id), String(b.id), '--db', db]);
    expect(human.stdout).toContain('lambda2');
    expect(human.stdout).not.toContain('lambda1');

    expect(rgwb(['rm', String(c.id), '--db', db]).status).toBe(0);
    expect(json(rgwb(['runs', '--db', db, '--json']).stdout).total).toBe(2);
  });

  it('rejects bad input with one clear line and writes nothing', () => {
    const db = tempDb();
    const cases: [string[], RegExp][] = [
      [['run', 'no-such-preset'], /unknown preset or file "no-such-preset"/],
      [['run', 'toy-theory', '--set', 'ridge=-1'], /ridge: the toy model needs a ridge σ² > 0, got -1/],
      [['run', 'universal-flow-power-law', '--set', 'ridge=-0.5'], /ridge: the ridge σ² is a variance and must be ≥ 0, got -0.5/],
      [['run', 'toy-theory', '--set', 'ridge'], /malformed --set "ridge"/],
      [['run', 'toy-theory', '--set', 'ridgee=1'], /unknown field "ridgee"/],
      [['run', 'missing/spec.json'], /spec file not found: missing\/spec.json/],
      [['run', 'universal-flow-power-law', '--set', 'learnabilityThreshold=1.5'], /learnabilityThreshold/],
      [['show', '999'], /no run with id 999/],
      [['show', 'abc'], /not a run id/],
      [['runs', '--status', 'done'], /--status must be one of/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['run', 'toy-theory', '--bogus'], /Unknown option '--bogus'/],
      [['run', 'learning-curve-reference-mc', '--set', 'sampleCounts=[10,-5]'], /sampleCounts\.1: every sample count must be ≥ 1, got -5; sampleCounts: sampleCounts must be strictly increasing/],
      [['runs', '--limit', '-3'], /Option '--limit' argument is ambiguous/],
      [['runs', '--kind', 'bogus'], /--kind must be an experiment kind \(rg-flow, .*\), got "bogus"/],
      [['export-data', '1', '--format', 'xml', '--out', 'x.xml'], /--format must be csv or json, got "xml"/],
      [['run', 'toy-hermite', '--backend', 'bogus'], /unknown backend 'bogus'; choose one of typed-arrays, cpu-workers/],
      [['run', 'toy-hermite', '--backend', 'tfjs-node-gpu'], /backend 'tfjs-node-gpu' is not available: package @tensorflow\/tfjs-node-gpu is not installed/],
      [['run', 'flow-check-mnist', '--set', 'setting.data={"type":"file","path":"missing/x.npy"}'], /setting\.data\.path: no such file: .*missing\/x\.npy/],
      [['run', 'flow-check-mnist', '--set', `setting.data={"type":"file","path":"${ROOT}"}`], /setting\.data\.path: .* is a folder, not a data file/],
    ];
    for (const [args, pattern] of cases) {
      const result = rgwb([...args, '--db', db]);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(pattern);
      expect(result.stderr.trim().split('\n').length, args.join(' ')).toBe(1);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(result.stdout).toBe('');
    }
    if (existsSync(db)) expect(json(rgwb(['runs', '--db', db, '--json']).stdout).total).toBe(0);
  });

  it('tag, note, rm and export-data print one JSON document with --json', () => {
    const db = tempDb();
    const { id } = json(rgwb(['run', 'toy-theory', '--db', db, '--json']).stdout);
    expect(json(rgwb(['tag', String(id), 'keep', 'fig3', '--db', db, '--json']).stdout)).toEqual({ id, tags: ['fig3', 'keep'] });
    expect(json(rgwb(['note', String(id), 'λ₁ = 1', '--db', db, '--json']).stdout)).toEqual({ id, notes: 'λ₁ = 1' });
    const out = join(mkdtempSync(join(tmpdir(), 'rgwb-export-')), 'run.json');
    expect(json(rgwb(['export-data', String(id), '--out', out, '--db', db, '--json']).stdout)).toEqual({ id, format: 'json', path: out, arrays: 4 });
    expect(json(rgwb(['rm', String(id), '--db', db, '--json']).stdout)).toEqual({ deleted: [id] });
  });

  it('refuses an unusable --db with one line: empty, or under a file', () => {
    for (const [db, pattern] of [
      ['', /--db needs a file path \(it was empty\)/],
      [join(BIN, 'x.sqlite'), /cannot create the run database .*: .* is a file, not a folder/],
    ] as const) {
      const result = rgwb(['runs', '--db', db]);
      expect(result.status).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(pattern);
    }
  });

  it('refuses a spec file with fields outside "kind", "name", "tags", "spec" (a misplaced field is not ignored)', () => {
    const db = tempDb();
    const dir = mkdtempSync(join(tmpdir(), 'rgwb-specfile-'));
    const cases: [unknown, RegExp][] = [
      [{ kind: 'rg-flow', ridge: -1 }, /unknown field "ridge" \(a spec file has "kind", "name", "tags", "spec"; experiment fields go under "spec"\)/],
      [{ kind: 'rg-flow', sepc: { ridge: 1 } }, /unknown field "sepc"/],
      [{ kind: 'rg-flow', tags: 'keep' }, /"tags" must be a list of strings/],
      [{ kind: 'rg-flow', name: 3 }, /"name" must be a string/],
    ];
    cases.forEach(([doc, pattern], i) => {
      const file = join(dir, `spec-${i}.json`);
      writeFileSync(file, JSON.stringify(doc));
      const result = rgwb(['run', file, '--db', db]);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(pattern);
    });
    if (existsSync(db)) expect(json(rgwb(['runs', '--db', db, '--json']).stdout).total).toBe(0);
  });

  it('a reader that closes the pipe early (rgwb kinds | head -1) is not an error', () => {
    const result = spawnSync('bash', ['-c', `node ${JSON.stringify(BIN)} kinds | head -1`], { cwd: ROOT, encoding: 'utf8' });
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled/);
  });

  it('reports a spectrum that is too short instead of inventing a cutoff', () => {
    const db = tempDb();
    const run = rgwb(['run', 'universal-flow-power-law', '--db', db, '--json', '--set', 'source.modeCount=50', '--set', 'sampleCount=1000', '--set', 'ridge=0']);
    const record = json(run.stdout);
    expect(record.metrics.cutoff).toBeNull();
    expect(record.metrics.rgMse).toBeNull();
    expect(record.diagnostics.join(' ')).toMatch(/too short/i);
    expect(record.metrics.eigenlearningMse).toEqual(expect.any(Number));
  });

  it('uses RGWB_DB when --db is absent', () => {
    const db = tempDb();
    expect(rgwb(['run', 'toy-theory', '--json'], { RGWB_DB: db }).status).toBe(0);
    expect(json(rgwb(['runs', '--json', '--db', db]).stdout).total).toBe(1);
  });
});
