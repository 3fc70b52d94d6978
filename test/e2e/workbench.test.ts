/**
 * End to end: `rgwb serve` on a temporary database, driven in Debian's Chromium through
 * playwright-core. Screenshots of every view go to test-artifacts/screenshots/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../integration/cli-helpers';
import { openStore } from '../../src-main/store';

const CHROMIUM = process.env.RGWB_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const haveChromium = existsSync(CHROMIUM);

let server: ChildProcess;
let dbPath: string;
let url: string;
let origin: string;
let token: string;
let browser: Browser;
let page: Page;

async function startServer(db: string): Promise<string> {
  server = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RGWB_THREADS: '2' } });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`rgwb serve did not print its URL: ${out}`)), 20_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    server.on('exit', (code) => reject(new Error(`rgwb serve exited with ${code}: ${out}`)));
  });
}

/** Calls the API directly (to set up and to check what the UI did). */
async function api(method: string, body: unknown = {}): Promise<any> {
  const response = await fetch(`${origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rgwb-token': token },
    body: JSON.stringify(body),
  });
  return response.json();
}

async function waitForRun(id: number, timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await api('runs.get', { id });
    if (!['queued', 'running'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${run.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function shot(name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

describe.skipIf(!haveChromium)('workbench in Chromium (web mode)', () => {
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dbPath = join(mkdtempSync(join(tmpdir(), 'rgwb-e2e-')), 'runs.sqlite');
    url = await startServer(dbPath);
    const parsed = new URL(url);
    origin = parsed.origin;
    token = parsed.searchParams.get('token')!;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    page.on('response', (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGTERM');
  });

  it('runs a preset from the Design view and shows its progress and chart', async () => {
    await page.goto(url);
    await page.getByTestId('kind-select').selectOption('toy-hermite');
    await page.getByTestId('preset-select').selectOption('fig3-toy-model');
    await page.getByTestId('field-trialCount').fill('1500000');
    await expect.poll(() => page.getByTestId('validation-status').textContent()).toMatch(/valid/);
    await shot('design');
    await page.getByTestId('start-button').click();
    await page.waitForURL(/#\/runs\/\d+/);
    const progress = page.getByTestId('progress-bar');
    await progress.waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(async () => Number(await progress.getAttribute('data-done')), { timeout: 20_000 }).toBeGreaterThan(0);
    await shot('live-run');
    const id = Number(page.url().match(/#\/runs\/(\d+)/)![1]);
    const run = await waitForRun(id);
    expect(run.status).toBe('succeeded');
    expect(run.kind).toBe('toy-hermite');
    expect(run.spec.trialCount).toBe(1_500_000);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 20_000 }).toContain('succeeded');
    await page.getByTestId('chart-predictor').locator('canvas').first().waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('metric-a').textContent()).toMatch(/e−?-?3|0\.00/);
    await shot('run-detail-toy-hermite');
  });

  it('shows the field error for a bad parameter and creates no run', async () => {
    const before = (await api('runs.list', {})).total;
    await page.goto(`${url}#/design`);
    await page.getByTestId('kind-select').selectOption('toy-theory');
    await page.getByTestId('field-ridge').fill('-1');
    await page.getByTestId('field-ridge').blur();
    const error = page.getByTestId('error-ridge');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toMatch(/ridge|> 0|≥ 0/);
    await page.getByTestId('start-button').click();
    await page.waitForTimeout(500);
    expect(page.url()).not.toMatch(/#\/runs\/\d+/);
    expect((await api('runs.list', {})).total).toBe(before);
    await shot('design-field-error');
  });

  it('saves a spec as JSON and loads it back into the form', async () => {
    await page.goto(`${url}#/design`);
    await page.getByTestId('kind-select').selectOption('rg-flow');
    await page.getByTestId('field-ridge').fill('0.003');
    await page.getByTestId('field-sampleCount').fill('250');
    await expect.poll(() => page.getByTestId('validation-status').textContent()).toMatch(/valid/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-spec').click()]);
    const file = join(SHOTS, '..', 'saved-spec.json');
    await download.saveAs(file);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ kind: 'rg-flow', spec: { ridge: 0.003, sampleCount: 250 } });
    // A different kind in the form, then load the file: the form comes back as saved.
    await page.getByTestId('kind-select').selectOption('toy-theory');
    await page.getByTestId('load-spec').setInputFiles(file);
    await expect.poll(() => page.getByTestId('kind-select').inputValue()).toBe('rg-flow');
    expect(Number(await page.getByTestId('field-ridge').inputValue())).toBe(0.003);
    expect(Number(await page.getByTestId('field-sampleCount').inputValue())).toBe(250);
    // A file that is not a spec is refused with a message, not a blank page.
    const bad = join(SHOTS, '..', 'not-a-spec.json');
    writeFileSync(bad, '{"kind": "no-such-kind", "spec": {}}');
    await page.getByTestId('load-spec').setInputFiles(bad);
    await page.getByTestId('load-error').waitFor({ state: 'visible' });
    expect(await page.getByTestId('load-error').textContent()).toContain('unknown experiment kind "no-such-kind"');
  });

  it('filters the runs table', async () => {
    for (const spec of [{ lambda1: 1 }, { lambda1: 4 }]) await waitForRun((await api('runs.start', { kind: 'toy-theory', spec, tags: ['scan'] })).runId);
    await waitForRun((await api('runs.start', { kind: 'rg-flow', spec: {} })).runId);
    await page.goto(`${url}#/runs`);
    await expect.poll(() => page.locator('[data-testid^="run-row-"]').count()).toBe(4);
    await page.getByTestId('filter-kind').selectOption('toy-theory');
    await expect.poll(() => page.locator('[data-testid^="run-row-"]').count()).toBe(2);
    await shot('runs-filtered');
    await page.getByTestId('filter-reset').click();
    await page.getByTestId('filter-status').selectOption('succeeded');
    await expect.poll(() => page.locator('[data-testid^="run-row-"]').count()).toBe(4);
    await page.getByTestId('filter-text').fill('rg-flow');
    await expect.poll(() => page.locator('[data-testid^="run-row-"]').count()).toBe(1);
    // Filters are kept for the tab (sessionStorage): clear them for the tests that follow.
    await page.getByTestId('filter-reset').click();
    await expect.poll(() => page.locator('[data-testid^="run-row-"]').count()).toBe(4);
  });

  it('compares two runs with differences highlighted and overlaid curves', async () => {
    const ids: number[] = [];
    for (const ridge of [1e-4, 1e-2]) ids.push((await waitForRun((await api('runs.start', { kind: 'rg-flow', spec: { ridge } })).runId)).id);
    await page.goto(`${url}#/compare?ids=${ids.join(',')}`);
    const params = page.getByTestId('compare-params');
    await params.waitFor({ state: 'visible' });
    const differing = params.locator('tr.differs');
    await expect.poll(() => differing.count()).toBe(1);
    expect(await differing.first().textContent()).toContain('ridge');
    expect(await page.getByTestId('only-differences').isChecked()).toBe(true);
    await page.getByTestId('chart-overlay').locator('canvas').first().waitFor({ state: 'visible' });
    await shot('compare');
  });

  it('keeps long array parameters inside the Parameters card', async () => {
    const sampleCounts = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000];
    const run = await waitForRun((await api('runs.start', { kind: 'learning-curve-theory', spec: { sampleCounts } })).runId);
    expect(run.status).toBe('succeeded');
    await page.goto(`${url}#/runs/${run.id}`);
    const cell = page.getByTestId('param-sampleCounts').locator('td');
    await cell.waitFor({ state: 'visible' });
    expect(await cell.textContent()).toContain('50000');
    const fit = await page.getByTestId('params-table').evaluate((table) => {
      const card = table.closest('section')!.getBoundingClientRect();
      const t = table.getBoundingClientRect();
      const td = table.querySelector('[data-testid="param-sampleCounts"] td')!.getBoundingClientRect();
      return { table: t.right <= card.right + 0.5, value: td.right <= card.right + 0.5 && td.left >= card.left - 0.5, scroll: table.scrollWidth <= table.clientWidth + 1 };
    });
    expect(fit).toEqual({ table: true, value: true, scroll: true });
    await page.getByTestId('params-table').scrollIntoViewIfNeeded();
    await shot('run-detail-long-parameters');
  });

  it('keeps everything across a reload', async () => {
    const list = await api('runs.list', { sortBy: 'id', sortDir: 'asc' });
    const first = list.runs[0];
    await page.goto(`${url}#/runs/${first.id}`);
    await expect.poll(() => page.getByTestId('run-status').textContent()).toContain(first.status);
    await page.getByTestId('tag-input').fill('kept');
    await page.getByTestId('tag-add').click();
    await expect.poll(async () => (await api('runs.get', { id: first.id })).tags).toContain('kept');
    await page.reload();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toContain(first.status);
    expect(page.url()).toContain(`#/runs/${first.id}`);
    await expect.poll(() => page.getByTestId('tag-remove-kept').count()).toBe(1);
    await page.goto(`${origin}/#/runs`);
    await expect.poll(() => page.locator('[data-testid^="run-row-"]').count()).toBe(list.total);
    await shot('runs-after-reload');
    // The runs filters and sort survive a reload too.
    const toys = (await api('runs.list', { kind: 'toy-theory' })).total;
    expect(toys).toBeGreaterThan(0);
    expect(toys).toBeLessThan(list.total);
    await page.getByTestId('filter-kind').selectOption('toy-theory');
    await page.getByTestId('sort-name').click();
    await expect.poll(() => page.locator('[data-testid^="run-row-"]').count()).toBe(toys);
    await page.reload();
    await expect.poll(() => page.getByTestId('runs-total').textContent()).toBe(`${toys} run${toys === 1 ? '' : 's'}`);
    expect(await page.getByTestId('filter-kind').inputValue()).toBe('toy-theory');
    expect(await page.locator('[role="columnheader"][aria-sort]').textContent()).toContain('Name');
    await expect.poll(() => page.locator('[data-testid^="run-row-"]').count()).toBe(toys);
    await page.getByTestId('filter-reset').click();
    await expect.poll(() => page.locator('[data-testid^="run-row-"]').count()).toBe(list.total);
    // The only failed request is the rejected start of the invalid spec (400 invalid-spec), which
    // the browser also logs as a failed resource; nothing else may go wrong.
    expect(failedRequests).toEqual(['400 /api/runs.start']);
    expect(consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });

  it('keeps the runs table virtual with 10,000 runs', async () => {
    // Another process (this test) fills the same SQLite file while the server has it open.
    const store = openStore(dbPath);
    const result = { metrics: { theoryLeading: -0.006 }, arrays: {}, diagnostics: [] };
    let lastId = 0;
    store.batch(() => {
      for (let i = 0; i < 10_000; i++) {
        lastId = store.createRun({ kind: 'toy-theory', name: `bulk ${i}`, spec: { seed: i, sampleCount: 100, ridge: 400, lambda1: 1 + (i % 7), lambda2: 0.1 }, seed: i });
        store.markRunning(lastId);
        store.completeRun(lastId, result, { status: 'succeeded', elapsedMs: 1 });
      }
    });
    store.close();
    const total = (await api('runs.list', { limit: 1 })).total;
    expect(total).toBeGreaterThanOrEqual(10_000);
    // The runs view is already open: runs written by another process appear on Refresh (and by polling).
    await page.goto(`${origin}/#/runs`);
    await page.getByTestId('runs-refresh').click();
    await expect.poll(() => page.getByTestId('runs-total').textContent(), { timeout: 20_000 }).toContain(`${total} runs`);
    const rows = page.locator('[data-testid^="run-row-"]');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    expect(await rows.count()).toBeLessThan(200); // only the visible rows are in the DOM
    // Jump to the end: the server pages in the oldest runs (sorted by id descending).
    const oldest = (await api('runs.list', { sortBy: 'id', sortDir: 'asc', limit: 1 })).runs[0].id;
    await page.getByTestId('runs-viewport').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.getByTestId(`run-row-${oldest}`).waitFor({ state: 'visible', timeout: 20_000 });
    expect(await rows.count()).toBeLessThan(200);
    // A parameter-range filter runs on the server over all 10,000.
    await page.getByTestId('filter-param-add').click();
    await page.getByTestId('filter-param-path-0').fill('lambda1');
    await page.getByTestId('filter-param-min-0').fill('7');
    await page.getByTestId('filter-param-max-0').fill('7');
    const expected = (await api('runs.list', { params: { lambda1: { min: 7, max: 7 } }, limit: 1 })).total;
    expect(expected).toBeGreaterThan(1000);
    await expect.poll(() => page.getByTestId('runs-total').textContent(), { timeout: 20_000 }).toContain(`${expected} runs`);
    await shot('runs-10k');
  });
});
