import { describe, expect, it } from 'vitest';
import { buildForm, fieldPaths, placeIssue, walk, type FormNode } from '../../../src-renderer/forms/form-model';
import { checkDraft, parseNumber, parseNumberList } from '../../../src-renderer/forms/inputs';
import { fillDefaults } from '../../../src-renderer/forms/schema';
import { realKinds } from './fixtures';

const kinds = realKinds();
const rgFlow = kinds.find((k) => k.kind === 'rg-flow')!;
const curve = kinds.find((k) => k.kind === 'learning-curve-theory')!;

function node(nodes: readonly FormNode[], path: string): FormNode {
  const n = [...walk(nodes)].find((x) => x.path === path);
  if (!n) throw new Error(`no node ${path}`);
  return n;
}

describe('form model from the kind JSON Schema', () => {
  it('lists the fields with their docs, and the source union with its variants', () => {
    const nodes = buildForm(rgFlow.jsonSchema, rgFlow.defaults, rgFlow.fields);
    expect(nodes.map((n) => n.path)).toEqual(['seed', 'source', 'ridge', 'sampleCount', 'learnabilityThreshold']);
    const ridge = node(nodes, 'ridge');
    expect(ridge).toMatchObject({ type: 'number', label: 'Ridge', symbol: 'σ²', unit: 'variance', bounds: { minimum: 0 } });
    const source = node(nodes, 'source');
    expect(source).toMatchObject({ type: 'union', options: ['power-law', 'hermite', 'kernel'], selected: 'power-law', label: 'Spectrum source' });
    expect(node(nodes, 'source.modeCount')).toMatchObject({ type: 'number', integer: true, symbol: 'P' });
    expect(node(nodes, 'learnabilityThreshold')).toMatchObject({ bounds: { exclusiveMinimum: 0, exclusiveMaximum: 1 } });
  });

  it('swaps the sub-form with source.type and fills the variant defaults', () => {
    const kernel = fillDefaults(rgFlow.jsonSchema, { ...rgFlow.defaults, source: { type: 'kernel' } }) as Record<string, any>;
    expect(kernel.source).toMatchObject({ type: 'kernel', kernel: { type: 'nngp', activation: 'relu', depth: 2 }, measure: { type: 'gaussian', dimension: 8 }, poolSize: 1000, target: { type: 'sign' } });
    const nodes = buildForm(rgFlow.jsonSchema, kernel, rgFlow.fields);
    expect(node(nodes, 'source.kernel')).toMatchObject({ type: 'union', selected: 'nngp', label: 'Kernel' });
    expect(node(nodes, 'source.kernel.activation')).toMatchObject({ type: 'enum', options: ['relu', 'erf'] });
    expect(node(nodes, 'source.poolSize')).toMatchObject({ type: 'number', label: 'Pool size', symbol: 'N' });
    const hermite = fillDefaults(rgFlow.jsonSchema, { ...rgFlow.defaults, source: { type: 'hermite' } }) as Record<string, any>;
    expect(hermite.source).toEqual({ type: 'hermite', degrees: [1, 2], eigenvalues: [1, 0.1], target: { type: 'hermite', degree: 1, coefficient: 1 } });
    const hNodes = buildForm(rgFlow.jsonSchema, hermite, rgFlow.fields);
    expect(node(hNodes, 'source.degrees')).toMatchObject({ type: 'number-list', integer: true });
    expect([...walk(hNodes)].some((n) => n.path === 'source.target.type')).toBe(false); // const: nothing to edit
  });

  it('places issues at the nearest field', () => {
    const fields = fieldPaths(buildForm(curve.jsonSchema, curve.defaults, curve.fields));
    expect(placeIssue('sampleCounts', fields)).toBe('sampleCounts');
    expect(placeIssue('sampleCounts.2', fields)).toBe('sampleCounts');
    expect(placeIssue('source', fields)).toBe('source.type');
    expect(placeIssue('source.type', fields)).toBe('source.type');
    expect(placeIssue('', fields)).toBeNull();
    expect(placeIssue('bogus', fields)).toBeNull();
  });
});

describe('number inputs', () => {
  it('parses numbers and comma-separated lists', () => {
    expect(parseNumber('1e-4')).toEqual({ ok: true, value: 1e-4 });
    expect(parseNumber('\u22122')).toEqual({ ok: true, value: -2 });
    expect(parseNumber('')).toEqual({ ok: true, value: undefined });
    expect(parseNumber('abc')).toEqual({ ok: false, message: '"abc" is not a number' });
    expect(parseNumber('1e999')).toEqual({ ok: false, message: 'must be a finite number' });
    expect(parseNumberList('10, 20 50;100')).toEqual({ ok: true, value: [10, 20, 50, 100] });
    expect(parseNumberList('10, x')).toEqual({ ok: false, message: 'entry 2 ("x") is not a number' });
  });

  it('checks numbers against the schema bounds on the client', () => {
    const nodes = buildForm(curve.jsonSchema, curve.defaults, curve.fields);
    const issues = checkDraft(nodes, { ...curve.defaults, ridge: -1, learnabilityThreshold: 1, sampleCounts: '10, x', source: { type: 'power-law', modeCount: 2.5 } });
    expect(issues).toEqual([
      { path: 'source.modeCount', message: 'must be an integer' },
      { path: 'ridge', message: 'must be ≥ 0' },
      { path: 'learnabilityThreshold', message: 'must be < 1' },
      { path: 'sampleCounts', message: 'entry 2 ("x") is not a number' },
    ]);
    expect(checkDraft(nodes, { ...curve.defaults, sampleCounts: [10] })).toEqual([{ path: 'sampleCounts', message: 'needs at least 2 values' }]);
    expect(checkDraft(nodes, curve.defaults)).toEqual([]);
  });
});
