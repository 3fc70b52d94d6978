// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mount, flushPromises } from '@vue/test-utils';
import { defineComponent, h, nextTick, shallowRef } from 'vue';
import { createPinia } from 'pinia';
import { ApiError } from '../../../src-shared/api/contract';
import { API_CLIENT_KEY } from '../../../src-renderer/api/client';
import { ROUTER_KEY, type HashRouter, type Route } from '../../../src-renderer/composables/router';
import { APP_THEME_KEY, createAppTheme } from '../../../src-renderer/composables/theme';
import { buildForm } from '../../../src-renderer/forms/form-model';
import SpecForm from '../../../src-renderer/components/SpecForm.vue';
import VirtualRunTable from '../../../src-renderer/components/VirtualRunTable.vue';
import DesignView from '../../../src-renderer/views/DesignView.vue';
import RunsView from '../../../src-renderer/views/RunsView.vue';
import RunDetailView from '../../../src-renderer/views/RunDetailView.vue';
import CompareView from '../../../src-renderer/views/CompareView.vue';
import ProgressPanel, { QUIET_MS } from '../../../src-renderer/components/ProgressPanel.vue';
import RunFilters from '../../../src-renderer/components/RunFilters.vue';
import { DEFAULT_QUERY } from '../../../src-renderer/stores/run-list';
import { FakeClient, pagedRuns, realKinds, record, summary } from './fixtures';

const kinds = realKinds();

// Views remember filters in sessionStorage (happy-dom keeps it for the whole file): start clean.
afterEach(() => sessionStorage.clear());
const rgFlow = kinds.find((k) => k.kind === 'rg-flow')!;

function fakeRouter(): HashRouter & { navigate: ReturnType<typeof vi.fn> } {
  const route = shallowRef<Route>({ name: 'design' });
  return { route, navigate: vi.fn((to: Route) => void (route.value = to)), stop: () => undefined };
}

function globals(client: FakeClient, router = fakeRouter()) {
  return {
    router,
    global: {
      plugins: [createPinia()],
      provide: { [API_CLIENT_KEY as symbol]: client, [ROUTER_KEY as symbol]: router, [APP_THEME_KEY as symbol]: createAppTheme(window) },
      stubs: { ChartPanel: true },
    },
  };
}

describe('SpecForm', () => {
  const nodes = buildForm(rgFlow.jsonSchema, rgFlow.defaults, rgFlow.fields);

  it('renders a labelled input per field with its docs (label, symbol, unit, help) and default', () => {
    const wrapper = mount(SpecForm, { props: { nodes, draft: rgFlow.defaults, issues: {} } });
    const ridge = wrapper.get('[data-testid="field-ridge"]');
    expect((ridge.element as HTMLInputElement).value).toBe('0.0001');
    const label = wrapper.get(`label[for="${ridge.attributes('id')}"]`);
    expect(label.text()).toContain('Ridge');
    expect(label.text()).toContain('σ²');
    expect(label.text()).toContain('(variance)');
    const help = wrapper.get(`#${ridge.attributes('aria-describedby')}`);
    expect(help.text()).toContain('Bare ridge');
    for (const path of ['seed', 'sampleCount', 'learnabilityThreshold', 'source.modeCount', 'source.decayExponent', 'source.targetDecayExponent']) {
      expect(wrapper.find(`[data-testid="field-${path}"]`).exists()).toBe(true);
    }
    const type = wrapper.get('[data-testid="field-source.type"]');
    expect(type.element.tagName).toBe('SELECT');
    expect(type.findAll('option').map((o) => o.text())).toEqual(['power-law', 'hermite', 'kernel']);
    expect(wrapper.text()).toContain('Spectrum source');
    expect(wrapper.find('[data-testid^="error-"]').exists()).toBe(false);
  });

  it('shows each issue next to its field, by path', () => {
    const wrapper = mount(SpecForm, {
      props: { nodes, draft: rgFlow.defaults, issues: { ridge: ['must be ≥ 0'], 'source.modeCount': ['must be an integer'], 'source.type': ['unknown source'] }, generalIssues: [{ path: '', message: 'unknown field "x"' }] },
    });
    expect(wrapper.get('[data-testid="error-ridge"]').text()).toBe('must be ≥ 0');
    expect(wrapper.get('[data-testid="error-source.modeCount"]').text()).toBe('must be an integer');
    expect(wrapper.get('[data-testid="error-source.type"]').text()).toBe('unknown source');
    expect(wrapper.get('[data-testid="field-ridge"]').attributes('aria-invalid')).toBe('true');
    expect(wrapper.get('[data-testid="form-issues"]').text()).toContain('unknown field "x"');
  });

  it('emits parsed values (raw text when not a number) and union switches', async () => {
    const wrapper = mount(SpecForm, { props: { nodes, draft: rgFlow.defaults, issues: {} } });
    await wrapper.get('[data-testid="field-ridge"]').setValue('1e-3');
    await wrapper.get('[data-testid="field-sampleCount"]').setValue('lots');
    await wrapper.get('[data-testid="field-source.type"]').setValue('hermite');
    expect(wrapper.emitted('set')).toEqual([
      ['ridge', 1e-3],
      ['sampleCount', 'lots'],
    ]);
    expect(wrapper.emitted('switch')).toEqual([['source', 'hermite']]);
  });
});

describe('DesignView', () => {
  function client() {
    return new FakeClient().on('kinds.list', () => kinds).on('runs.validate', () => ({ ok: true, issues: [], spec: {} }));
  }

  it('a bad parameter shows the server error at its field and starts no run', async () => {
    const c = client().on('runs.start', () => {
      throw new ApiError({ code: 'invalid-spec', message: 'invalid', issues: [{ path: 'source.decayExponent', message: 'decayExponent must be > 0' }] });
    });
    const { router, global } = globals(c);
    const wrapper = mount(DesignView, { global });
    await flushPromises();
    expect((wrapper.get('[data-testid="kind-select"]').element as HTMLSelectElement).value).toBe('rg-flow');
    await wrapper.get('form.spec').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="error-source.decayExponent"]').text()).toBe('decayExponent must be > 0');
    expect(wrapper.get('[data-testid="start-error"]').text()).toMatch(/Not started/);
    expect(router.navigate).not.toHaveBeenCalled();
  });

  it('counts one issue for one bad ridge (client check and server agree)', async () => {
    const c = client().on('runs.validate', ({ spec }) =>
      (spec.ridge as number) < 0 ? { ok: false, issues: [{ path: 'ridge', message: 'ridge must be ≥ 0' }], spec: null } : { ok: true, issues: [], spec },
    );
    const { global } = globals(c);
    const wrapper = mount(DesignView, { global });
    await flushPromises();
    await wrapper.get('[data-testid="field-ridge"]').setValue('-1');
    await new Promise((r) => setTimeout(r, 400)); // validation is debounced
    await flushPromises();
    expect(c.callsOf('runs.validate').length).toBeGreaterThan(0);
    expect(wrapper.get('[data-testid="validation-status"]').text()).toBe('1 issue');
  });

  it('client-side checks show at once; a good spec starts and opens the run', async () => {
    const c = client().on('runs.start', () => ({ runId: 42 }));
    const { router, global } = globals(c);
    const wrapper = mount(DesignView, { global });
    await flushPromises();
    await wrapper.get('[data-testid="field-learnabilityThreshold"]').setValue('2');
    expect(wrapper.get('[data-testid="error-learnabilityThreshold"]').text()).toBe('must be < 1');
    await wrapper.get('[data-testid="field-learnabilityThreshold"]').setValue('0.4');
    expect(wrapper.find('[data-testid="error-learnabilityThreshold"]').exists()).toBe(false);
    await wrapper.get('[data-testid="preset-select"]').setValue('universal-flow-nngp-relu');
    expect((wrapper.get('[data-testid="field-source.poolSize"]').element as HTMLInputElement).value).toBe('1000');
    await wrapper.get('form.spec').trigger('submit');
    await flushPromises();
    expect(c.callsOf('runs.start')[0]).toMatchObject({ kind: 'rg-flow', spec: { source: { type: 'kernel', poolSize: 1000 } } });
    expect(router.navigate).toHaveBeenCalledWith({ name: 'run', id: 42 });
  });
});

describe('virtual runs table', () => {
  it('renders only the visible rows of 10,000 and follows the scroll', async () => {
    const rowAt = (i: number) => summary(10_000 - i);
    const wrapper = mount(VirtualRunTable, {
      props: { total: 10_000, rowAt, statusOf: (r) => r.status, isSelected: () => false, sortBy: 'id', sortDir: 'desc', rowHeight: 36, fallbackHeight: 480 },
    });
    const rows = () => wrapper.findAll('[data-testid^="run-row-"]');
    expect(rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThanOrEqual(30);
    expect(wrapper.find('[data-testid="run-row-10000"]').exists()).toBe(true);
    const spacer = wrapper.get('.vt-spacer');
    expect(spacer.attributes('style')).toContain(`height: ${10_000 * 36}px`);
    const viewport = wrapper.get('[data-testid="runs-viewport"]');
    (viewport.element as HTMLElement).scrollTop = 36 * 5000;
    await viewport.trigger('scroll');
    expect(rows().length).toBeLessThanOrEqual(30);
    expect(wrapper.find('[data-testid="run-row-5000"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="run-row-10000"]').exists()).toBe(false);
    const ranges = wrapper.emitted('range')!;
    expect(ranges.at(-1)![0]).toBeGreaterThan(4900);
  });

  it('RunsView: pages through runs.list for 10,000 runs, rendering a screenful', async () => {
    const c = new FakeClient().on('kinds.list', () => kinds).on('runs.tags', () => [{ tag: 'paper', count: 3 }]);
    pagedRuns(c, 10_000);
    const { global } = globals(c);
    const wrapper = mount(RunsView, { global });
    await flushPromises();
    expect(wrapper.get('[data-testid="runs-total"]').text()).toBe('10000 runs');
    const rows = wrapper.findAll('[data-testid^="run-row-"]');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThanOrEqual(30);
    expect(c.callsOf('runs.list').every((r) => r.limit === 100)).toBe(true);
    expect(c.callsOf('runs.list')).toHaveLength(1);
    await wrapper.get('[data-testid="run-select-10000"]').setValue(true);
    await wrapper.get('[data-testid="run-select-9999"]').setValue(true);
    expect(wrapper.get('[data-testid="compare-button"]').text()).toBe('Compare (2)');
    await wrapper.get('[data-testid="filter-status"]').setValue('failed');
    await flushPromises();
    expect(c.callsOf('runs.list').at(-1)).toMatchObject({ status: 'failed', offset: 0 });
  });
});

describe('runs view: filters and row actions', () => {
  it('shows why a parameter bound is ignored, next to the input', async () => {
    const wrapper = mount(RunFilters, { props: { query: { ...DEFAULT_QUERY, params: [{ path: 'ridge', min: '', max: '' }] }, kinds: [], tags: [] } });
    expect(wrapper.find('[data-testid="filter-param-error-0"]').exists()).toBe(false);
    await wrapper.get('[data-testid="filter-param-min-0"]').setValue('abc');
    const error = wrapper.get('[data-testid="filter-param-error-0"]');
    expect(error.text()).toContain('"abc" is not a number');
    const min = wrapper.get('[data-testid="filter-param-min-0"]');
    expect(min.attributes('aria-invalid')).toBe('true');
    expect(min.attributes('aria-describedby')).toBe(error.attributes('id'));
    await min.setValue('1e-3');
    expect(wrapper.find('[data-testid="filter-param-error-0"]').exists()).toBe(false);
  });

  it('returns focus to the row button after the action panel closes with Esc', async () => {
    const c = new FakeClient().on('kinds.list', () => kinds).on('runs.tags', () => []);
    pagedRuns(c, 30);
    const { global } = globals(c);
    const wrapper = mount(RunsView, { global, attachTo: document.body });
    try {
      await flushPromises();
      const tagButton = wrapper.get('[data-testid="run-tag-30"]');
      (tagButton.element as HTMLElement).focus();
      await tagButton.trigger('click');
      await flushPromises();
      expect(document.activeElement).toBe(wrapper.get('[data-testid="tag-input"]').element);
      await wrapper.get('[data-testid="action-panel"]').trigger('keydown', { key: 'Escape' });
      await flushPromises();
      expect(wrapper.find('[data-testid="action-panel"]').exists()).toBe(false);
      expect((document.activeElement as HTMLElement | null)?.dataset.testid).toBe('run-tag-30');
    } finally {
      wrapper.unmount();
    }
  });
});

describe('CompareView', () => {
  it('compares the runs that exist, lists missing ids, and shows a parameter a run lacks as —', async () => {
    const c = new FakeClient()
      .on('runs.get', ({ id }) => {
        if (id === 99999) throw new ApiError({ code: 'not-found', message: `run ${id} not found` });
        return record(id);
      })
      .on('runs.compare', ({ ids }) => ({
        runs: ids.map((id) => ({ id, name: `r${id}`, kind: 'rg-flow', status: 'succeeded' as const })),
        // what crosses JSON for a parameter only one run has: null for the other
        parameters: [{ path: 'source.poolSize', values: ids.map((id) => (id === 3 ? 1000 : null)), differs: true }],
        metrics: [],
      }));
    const { global } = globals(c);
    const wrapper = mount(CompareView, { props: { ids: [3, 4, 99999] }, global });
    await flushPromises();
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="compare-missing"]').text()).toContain('#99999 not found');
    expect(wrapper.find('[data-testid="compare-run-3"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="compare-run-4"]').exists()).toBe(true);
    const cells = wrapper.get('[data-testid="compare-param-source.poolSize"]').findAll('td').map((td) => td.text());
    expect(cells).toEqual(['1000', '—']);
  });
});

describe('RunDetailView', () => {
  it('shows live progress with rate and ETA, status and a cancel button while running', async () => {
    const c = new FakeClient()
      .on('kinds.list', () => kinds)
      .on('runs.get', ({ id }) => record(id, { kind: 'toy-hermite', status: 'running', spec: { seed: 3, lambda1: 1 } }))
      .on('runs.cancel', () => ({ cancelled: true }));
    const { global } = globals(c);
    const Harness = defineComponent({
      setup: () => () => h(RunDetailView, { id: 9 }),
    });
    const wrapper = mount(Harness, { global });
    await flushPromises();
    const { useRunsStore } = await import('../../../src-renderer/stores/runs');
    const runs = useRunsStore();
    runs.applyEvent({ type: 'progress', runId: 9, done: 250, total: 1000, elapsedMs: 5000, partialMetrics: { a: -0.00507 } });
    await flushPromises();
    expect(wrapper.get('[data-testid="run-status"]').text()).toBe('running');
    const bar = wrapper.get('[data-testid="progress-bar"]');
    expect(bar.attributes('aria-valuenow')).toBe('250');
    expect(bar.attributes('aria-valuemax')).toBe('1000');
    const text = wrapper.get('[data-testid="progress-text"]').text();
    expect(text).toContain('250 / 1,000');
    expect(text).toContain('50 per second');
    expect(text).toContain('ETA 15.0 s');
    expect(wrapper.get('[data-testid="partial-metrics"]').text()).toContain('\u22120.00507');
    await wrapper.get('[data-testid="cancel-button"]').trigger('click');
    await flushPromises();
    expect(c.callsOf('runs.cancel')).toEqual([{ id: 9 }]);
    expect(wrapper.get('[data-testid="params-table"]').text()).toContain('lambda1');
    // the symbol is not printed twice when it is the label (λ₁), only its rest (λ₂ … "= λ_>")
    expect(wrapper.get('[data-testid="param-lambda1"] th').findAll('.symbol')).toHaveLength(0);
    expect(wrapper.get('[data-testid="param-lambda1"] th').text()).not.toMatch(/λ₁\s*λ₁/);
  });

  it('long array parameters wrap inside the card (not the one-line number cell)', async () => {
    const cutoffs = [5, 10, 20, 50, 100, 200, 400, 700, 1000, 2000, 3000, 4000];
    const c = new FakeClient()
      .on('kinds.list', () => kinds)
      .on('runs.get', ({ id }) => record(id, { kind: 'flow-check', spec: { seed: 1, ridge: 1e-3, cutoffs, setting: { type: 'kernel-data' } } }));
    const { global } = globals(c);
    const wrapper = mount(RunDetailView, { props: { id: 5 }, global });
    await flushPromises();
    const cell = wrapper.get('[data-testid="param-cutoffs"] td');
    expect(cell.text()).toContain('5, 10, 20');
    expect(cell.classes()).toContain('value');
    expect(cell.classes()).not.toContain('num'); // td.num is white-space: nowrap
    expect(wrapper.get('[data-testid="param-ridge"] td').classes()).toContain('num');
    expect(wrapper.get('[data-testid="param-setting.type"] td').classes()).toContain('value');
  });
});

describe('ProgressPanel', () => {
  it('a running run with no progress events says it may run elsewhere instead of waiting forever', async () => {
    vi.useFakeTimers();
    try {
      const wrapper = mount(ProgressPanel, { props: { progress: null, status: 'running' } });
      expect(wrapper.get('[data-testid="progress-text"]').text()).toBe('Waiting for the first progress report…');
      vi.advanceTimersByTime(QUIET_MS + 1000);
      await nextTick();
      expect(wrapper.get('[data-testid="progress-text"]').text()).toMatch(/another process.*not streamed here.*refreshes when it finishes/);
      // a queued run is just waiting its turn
      const queued = mount(ProgressPanel, { props: { progress: null, status: 'queued' } });
      vi.advanceTimersByTime(QUIET_MS + 1000);
      await nextTick();
      expect(queued.get('[data-testid="progress-text"]').text()).toBe('Waiting for the first progress report…');
      // once a report arrives it shows as usual
      await wrapper.setProps({ progress: { runId: 1, status: 'running', done: 5, total: 10, message: null, elapsedMs: 1000, partialMetrics: {} } });
      expect(wrapper.get('[data-testid="progress-text"]').text()).toContain('5 / 10');
    } finally {
      vi.useRealTimers();
    }
  });
});
