#!/usr/bin/env node
// Web benchmark (README "Web benchmark"): how long the web application's pages take to be usable in
// Debian's chromium over a registry of N engagements, against the same pages over the 25 example
// records in the same run (the baseline). A list page asks the API for one page of results, so
// its time should not grow with the registry; the dashboard reviews every engagement the role may
// see, once per registry version (then cached).
//
//   node bench/web_bench.mjs [--records 10000] [--repeat 5]
//
// Needs a build (build/bin/itaku) and the browser tests' npm packages (scripts/setup.sh).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SOURCE_DIR, goTo, launchBrowser, openTab, signIn, startServer } from '../tests/web/harness.mjs';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}
const RECORDS = option('records', 10000);
const REPEAT = option('repeat', 5);

// N records: the examples again and again under new refs, so the review has real work per record.
function register(count) {
  const examples = readFileSync(path.join(SOURCE_DIR, 'examples/engagements.jsonl'), 'utf8').split('\n').filter(Boolean).map(JSON.parse);
  const lines = [];
  for (let i = 0; i < count; i += 1) {
    const record = structuredClone(examples[i % examples.length]);
    record.ref = `BENCH-${String(i).padStart(6, '0')}`;
    record.title = `${record.title} ${i}`;
    if (record.social_media) {
      record.social_media.account = `@bench${i}`;
      record.social_media.url = `https://example.org/bench${i}`;
    }
    lines.push(JSON.stringify(record));
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'itaku-web-bench-'));
  const file = path.join(dir, 'register.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Milliseconds from the navigation (or the hash change) until the page says it is drawn.
async function timePage(page, server, hash) {
  await page.goto(`${server.base}/#/signin`);
  const started = Date.now();
  await goTo(page, server, hash);
  return Date.now() - started;
}

const PAGES = [['engagements list', '#/engagements'], ['engagements list, search', '#/engagements?q=窓口'],
  ['vendors list', '#/vendors'], ['dashboard', '#/']];

async function measure(browser, server) {
  const page = await openTab(browser);
  await signIn(page, server, 'officer');
  const times = {};
  for (const [name, hash] of PAGES) {
    // The first load fills the server's caches and the browser's: reported on its own.
    times[`${name} (first load)`] = await timePage(page, server, hash);
    const runs = [];
    for (let run = 0; run < REPEAT; run += 1) runs.push(await timePage(page, server, hash));
    runs.sort((a, b) => a - b);
    times[name] = runs[Math.floor(runs.length / 2)];
  }
  await page.context().close();
  return times;
}

// The first page a new visitor meets (sign-in), from navigation start until it is drawn, against
// the server's own 404 page (one small HTML file, no script) as the baseline.
async function firstPage(browser, server) {
  const times = { page: [], baseline: [] };
  for (let run = 0; run < REPEAT + 1; run += 1) {
    const page = await openTab(browser);
    await page.goto(`${server.base}/no-such-page`);
    const baseline = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
    await goTo(page, server, '#/signin');
    const drawn = await page.evaluate(() => performance.getEntriesByName('itaku-first-page')[0].startTime);
    await page.context().close();
    if (run === 0) continue;  // chromium's own warm-up
    times.baseline.push(baseline);
    times.page.push(drawn);
  }
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { page: Math.round(median(times.page)), baseline: Math.round(median(times.baseline)) };
}

const browser = await launchBrowser();
const small = await startServer();
const big = register(RECORDS);
const large = await startServer({ records: [big.file] });
try {
  const first = await firstPage(browser, small);
  console.log(`first page (sign-in): ${first.page} ms until drawn; the server's 404 page ${first.baseline} ms; ratio ${(first.page / Math.max(first.baseline, 1)).toFixed(2)} (target: under 300 ms)`);
  const baseline = await measure(browser, small);
  const measured = await measure(browser, large);
  console.log(`web_bench: median of ${REPEAT} loads per page, officer role, chromium headless`);
  console.log(`| page | 25 records (baseline) ms | ${RECORDS} records ms | ratio |`);
  console.log('|---|---:|---:|---:|');
  for (const name of Object.keys(baseline)) {
    console.log(`| ${name} | ${baseline[name]} | ${measured[name]} | ${(measured[name] / Math.max(baseline[name], 1)).toFixed(2)} |`);
  }
} finally {
  await browser.close();
  await small.stop();
  await large.stop();
  big.remove();
}
