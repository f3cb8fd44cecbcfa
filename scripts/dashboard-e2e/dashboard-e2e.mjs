// Drives Debian's headless Chromium (playwright-core, no bundled browser) against a running stack:
// the gateway's dashboard must show the same figures as its JSON API, and a banner once the verifier
// is gone. Run through ./run, which starts the stack and the traffic; this file only checks.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

function arg(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const gateway = arg('gateway');
const stateDir = arg('state-dir');
const microai = arg('microai');
const screenshot = arg('screenshot');
const docsShot = arg('docs-screenshot', '');
const settleSeconds = Number(arg('settle', '8'));
const tolerance = 0.15;
if (!gateway || !stateDir || !microai || !screenshot) {
  console.error('usage: dashboard-e2e.mjs --gateway URL --state-dir DIR --microai PATH --screenshot PNG [--docs-screenshot PNG] [--settle S]');
  process.exit(2);
}
const origin = new URL(gateway).origin;
const dashboardUrl = gateway + '/dashboard';

const results = [];
function check(name, ok, detail) {
  results.push({ name, ok: !!ok, detail: detail ?? '' });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? '  (' + detail + ')' : ''}`);
  return ok;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function snapshot() {
  const r = await fetch(gateway + '/dashboard/api/snapshot', { cache: 'no-store' });
  if (!r.ok) throw new Error('snapshot HTTP ' + r.status);
  return r.json();
}
function close(a, b, tol) {
  if (a === null || b === null || a === undefined || b === undefined) return a === b;
  const m = Math.max(Math.abs(b), 1e-9);
  return Math.abs(a - b) <= tol * m;
}

const userDataDir = mkdtempSync(join(tmpdir(), 'microai-dashboard-chromium-'));
let context;
let exitCode = 1;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
      '--no-first-run', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
    timeout: 60_000,
  });
  const page = context.pages()[0] ?? await context.newPage();
  const foreign = [];
  const pageErrors = [];
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(origin + '/') && !u.startsWith('data:')) foreign.push(u);
  });
  page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(msg.text()); });
  page.on('pageerror', (err) => pageErrors.push(String(err)));

  const response = await page.goto(dashboardUrl, { waitUntil: 'load' });
  check('page loads', response && response.status() === 200, 'HTTP ' + (response && response.status()));
  await page.waitForSelector('body[data-state="live"]', { timeout: 20_000 });
  check('first update arrives', true, 'data-timestamp ' + await page.getAttribute('body', 'data-timestamp'));

  // Wait for traffic to show up in the 1 min window (the load runs in the background; it may first have
  // to rebuild the jar if sources changed), then let it settle.
  await page.waitForFunction(() => Number(document.querySelector('#v-rps')?.getAttribute('data-value')) > 1
      && document.querySelector('#v-cache')?.getAttribute('data-value') !== '', null, { timeout: 120_000 });
  const firstTs = Number(await page.getAttribute('body', 'data-timestamp'));
  await page.waitForFunction((t) => Number(document.body.getAttribute('data-timestamp')) > t, firstTs, { timeout: 10_000 });
  check('updates without reloading', true, 'timestamp advanced from ' + firstTs);
  await sleep(settleSeconds * 1000);

  // Compare what the page shows with the API. Exactly for the same frame: the API's `history` holds
  // the headline figures of every recent frame, so the page's frame (data-timestamp) is in there. And
  // roughly against the newest frame fetched at about the same time.
  const shown = await page.evaluate(() => ({
    ts: Number(document.body.getAttribute('data-timestamp')),
    rps: Number(document.querySelector('#v-rps').getAttribute('data-value')),
    rpsText: document.querySelector('#v-rps').textContent,
    cache: Number(document.querySelector('#v-cache').getAttribute('data-value')),
    cacheText: document.querySelector('#v-cache').textContent,
  }));
  const api = await snapshot();
  const frame = (api.history || []).find((f) => f.timestamp_ms === shown.ts);
  check('page frame is in the API history', !!frame, 'frame ' + shown.ts);
  if (frame) {
    check('request rate equals the API for the same frame', close(shown.rps, frame.requests_per_second, 1e-9),
      `page ${shown.rps} ("${shown.rpsText}"), api ${frame.requests_per_second}`);
    check('cache hit ratio equals the API for the same frame', close(shown.cache, frame.cache_hit_ratio, 1e-9),
      `page ${shown.cache} ("${shown.cacheText}"), api ${frame.cache_hit_ratio}`);
  }
  check(`request rate within ${tolerance * 100}% of the API's newest frame`, close(shown.rps, api.gateway.requests_per_second, tolerance),
    `page ${shown.rps.toFixed(3)} at ${shown.ts}, api ${api.gateway.requests_per_second.toFixed(3)} at ${api.timestamp_ms}`);
  check(`cache hit ratio within ${tolerance * 100}% of the API's newest frame`, close(shown.cache, api.gateway.cache_hit_ratio, tolerance),
    `page ${shown.cache.toFixed(4)}, api ${api.gateway.cache_hit_ratio.toFixed(4)}`);
  // The payments table: one row per protocol of the API, in its order, with the API's figures.
  const payments = await page.evaluate(() => [...document.querySelectorAll('#payments tbody tr[data-protocol]')].map((tr) => {
    const cells = tr.querySelectorAll('td[data-value]');
    const num = (i) => (cells[i].getAttribute('data-value') === '' ? null : Number(cells[i].getAttribute('data-value')));
    return { protocol: tr.getAttribute('data-protocol'), perSecond: num(0), verified: num(1) };
  }));
  const apiPayments = api.gateway.payments_by_protocol || {};
  check('payments table lists x402, x402-v1 and legacy in that order',
    payments.map((p) => p.protocol).join(',') === 'x402,x402-v1,legacy'
      && Object.keys(apiPayments).join(',') === 'x402,x402-v1,legacy',
    'page ' + payments.map((p) => p.protocol).join(',') + ', api ' + Object.keys(apiPayments).join(','));
  for (const p of payments) {
    const a = apiPayments[p.protocol] || {};
    check(`${p.protocol} payments within ${tolerance * 100}% of the API's newest frame`,
      close(p.perSecond, a.per_second ?? null, tolerance) && (p.verified === null) === (a.verified_ratio === null)
        && (p.verified === null || Math.abs(p.verified - a.verified_ratio) <= tolerance),
      `page ${p.perSecond}/s ${p.verified}, api ${a.per_second}/s ${a.verified_ratio}`);
  }
  // Settlement: the row shows the API's mode, and a gateway that settles nothing says so in a banner.
  const settlement = api.gateway.settlement || {};
  const shownMode = await page.getAttribute('#settlement tbody tr', 'data-mode');
  check('settlement row shows the API\'s mode', shownMode === (settlement.mode || ''), `page ${shownMode}, api ${settlement.mode}`);
  const unsettledBanner = await page.isVisible('#banner-settlement');
  check('a "verified but not settled" banner exactly when the mode is none or mixed',
    unsettledBanner === (settlement.mode === 'none' || settlement.mode === 'mixed'),
    `banner ${unsettledBanner ? 'shown' : 'hidden'}, mode ${settlement.mode}`);
  // Streams: "no streams" exactly when the API has no stream figures (no gateway exports the stream
  // families); otherwise the row carries the API's time to first chunk and outcome shares.
  const apiStreams = api.gateway.streams ?? null;
  const streamsRow = await page.evaluate(() => {
    const tr = document.querySelector('#streams tbody tr');
    const cells = [...tr.querySelectorAll('td[data-value]')];
    const num = (td) => (td.getAttribute('data-value') === '' ? null : Number(td.getAttribute('data-value')));
    return {
      state: tr.getAttribute('data-streams'),
      text: tr.textContent,
      firstChunkP99: cells.length ? num(cells[1]) : null,
      outcomes: Object.fromEntries(cells.filter((td) => td.hasAttribute('data-outcome'))
        .map((td) => [td.getAttribute('data-outcome'), num(td)])),
    };
  });
  if (apiStreams === null) {
    check('streams panel says "no streams" when the API has no stream figures',
      streamsRow.state === 'none' && streamsRow.text.includes('no streams'), `page ${streamsRow.state}: ${streamsRow.text}`);
  } else {
    const p99 = apiStreams.first_chunk_seconds?.p99 ?? null;
    check(`streams panel first chunk p99 within ${tolerance * 100}% of the API's newest frame`,
      streamsRow.state === 'some' && close(streamsRow.firstChunkP99, p99, tolerance),
      `page ${streamsRow.firstChunkP99}, api ${p99}`);
    check('streams panel lists client_gone, provider_error and timeout',
      Object.keys(streamsRow.outcomes).join(',') === 'client_gone,provider_error,timeout', Object.keys(streamsRow.outcomes).join(','));
  }
  check('API has the StackFigures top-level fields',
    ['timestamp_ms', 'window_seconds', 'gateway', 'verifier', 'targets'].every((k) => k in api), Object.keys(api).join(','));
  const charted = await page.evaluate(() => [...document.querySelectorAll('#cards-gateway .chart path.line')]
    .filter((p) => (p.getAttribute('d') || '').length > 0).length);
  check('charts are drawn', charted >= 5, charted + ' gateway chart lines with data');

  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  check('screenshot saved', true, screenshot);
  if (docsShot) {
    mkdirSync(dirname(docsShot), { recursive: true });
    await page.screenshot({ path: docsShot, fullPage: true });
    check('docs screenshot saved', true, docsShot);
  }

  // A narrow window: one column, nothing wider than the viewport.
  await page.setViewportSize({ width: 390, height: 844 });
  await sleep(300);
  const narrow = await page.evaluate(() => {
    const lefts = new Set([...document.querySelectorAll('#cards-gateway .card')].map((c) => Math.round(c.getBoundingClientRect().left)));
    return { columns: lefts.size, overflow: document.documentElement.scrollWidth - window.innerWidth };
  });
  check('narrow window collapses to one column', narrow.columns === 1 && narrow.overflow <= 1,
    `${narrow.columns} column(s), horizontal overflow ${narrow.overflow}px`);
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-narrow.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Stop the verifier: the page must say so.
  // `stack status` exits 1 when a service is unhealthy; its JSON is what counts here.
  const status = JSON.parse(spawnSync(microai, ['stack', 'status', '--state-dir', stateDir, '--json'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).stdout || '{}');
  const verifier = (status.services || []).find((s) => s.name === 'verifier');
  check('verifier pid found', verifier && verifier.pid, 'pid ' + (verifier && verifier.pid));
  const bannerHiddenBefore = await page.isHidden('#banner-verifier');
  check('no verifier banner while it is up', bannerHiddenBefore);
  process.kill(verifier.pid, 'SIGKILL');
  await page.waitForSelector('#banner-verifier', { state: 'visible', timeout: 20_000 });
  const bannerText = (await page.textContent('#banner-verifier')).replace(/\s+/g, ' ').trim();
  check('banner shows when the verifier is unreachable', /unreachable/i.test(bannerText), bannerText);
  const after = await snapshot();
  const vt = after.targets.find((t) => t.role === 'verifier');
  check('API reports the verifier target down', vt && vt.up === false, vt && vt.error);
  await page.screenshot({ path: screenshot.replace(/\.png$/, '-verifier-down.png'), fullPage: false });

  check('no requests to other origins', foreign.length === 0, foreign.slice(0, 3).join(' '));
  check('no script errors on the page', pageErrors.length === 0, pageErrors.slice(0, 3).join(' | '));
  exitCode = results.every((r) => r.ok) ? 0 : 1;
} catch (e) {
  check('dashboard e2e ran to the end', false, e && e.message ? e.message.split('\n')[0] : String(e));
  exitCode = 1;
} finally {
  if (context) await context.close().catch(() => {});
  rmSync(userDataDir, { recursive: true, force: true });
}
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(exitCode);
