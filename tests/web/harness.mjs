// What every browser test starts from: a fresh registry with the example records and a token per
// role, a real `itaku serve` over it on loopback, and Debian's chromium driven by playwright-core
// (docs/web.md "Browser tests"). Paths come from CTest's environment (tests/CMakeLists.txt).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const here = path.dirname(new URL(import.meta.url).pathname);
export const SOURCE_DIR = process.env.ITAKU_SOURCE_DIR || path.resolve(here, '../..');
export const BIN_DIR = process.env.ITAKU_BIN_DIR || path.join(SOURCE_DIR, 'build/bin');
export const SCREENSHOT_DIR = process.env.ITAKU_SCREENSHOT_DIR || path.join(SOURCE_DIR, 'build/web-screenshots');
const CHROMIUM = process.env.ITAKU_CHROMIUM || '/usr/bin/chromium';
const ITAKU = path.join(BIN_DIR, 'itaku');

export const OWNER_DEPARTMENT = '秘書広報課';
export const ROLES = ['admin', 'officer', 'procurement', 'channel_owner', 'auditor'];

// Every wait below has a bound: a test that cannot go on fails with what it saw, long before
// CTest's timeout would end it without a word.
const COMMAND_TIMEOUT_MS = 60000;
const SERVER_START_TIMEOUT_MS = 30000;
const SERVER_STOP_TIMEOUT_MS = 10000;

function itaku(args, db) {
  const run = spawnSync(ITAKU, [...args, '--db', db], { encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS });
  if (run.error) throw new Error(`cannot run ${ITAKU}: ${run.error.message} (build first: scripts/build.sh)`);
  return run;
}

function createToken(db, role) {
  const args = ['token', 'create', '--name', `${role} (browser test)`, '--role', role];
  if (role === 'channel_owner') args.push('--department', OWNER_DEPARTMENT);
  const made = itaku(args, db);
  assert.equal(made.status, 0, `token create ${role}: ${made.stderr}`);
  return made.stdout.trim();
}

function listen(db) {
  return new Promise((resolve, reject) => {
    let attempts = 0;
    const attempt = () => {
      attempts += 1;
      const port = 20000 + Math.floor(Math.random() * 12000);
      const args = ['serve', '--listen', `http://127.0.0.1:${port}`, '--db', db, '--threads', '2'];
      if (process.env.ITAKU_WEB_ROOT) args.push('--web-root', process.env.ITAKU_WEB_ROOT);
      const child = spawn(ITAKU, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let log = '';
      let settled = false;
      const startTimer = setTimeout(() => {
        if (settled) return;
        settled = true;
        child.kill('SIGKILL');
        reject(new Error(`itaku serve did not say "listening on" within ${SERVER_START_TIMEOUT_MS} ms: ${log}`));
      }, SERVER_START_TIMEOUT_MS);
      child.stderr.on('data', (chunk) => {
        log += chunk;
        if (!settled && log.includes('listening on')) {
          settled = true;
          clearTimeout(startTimer);
          resolve({ child, base: `http://127.0.0.1:${port}`, log: () => log });
        }
      });
      child.on('exit', (code, signal) => {
        if (settled) {
          // A server that dies under a test is the finding, whatever the test then reports.
          if (!child.stoppedByHarness) console.error(`itaku serve exited during the tests (${code ?? signal}): ${log}`);
          return;
        }
        settled = true;
        clearTimeout(startTimer);
        if (attempts < 5 && /cannot listen|in use/i.test(log)) attempt();
        else reject(new Error(`itaku serve exited with ${code ?? signal}: ${log}`));
      });
    };
    attempt();
  });
}

// A fresh registry and server. `records`: JSON Lines files to import (default: the examples).
export async function startServer({ records = [path.join(SOURCE_DIR, 'examples/engagements.jsonl')] } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'itaku-web-'));
  const db = path.join(dir, 'itaku.db');
  const init = itaku(['init'], db);
  assert.equal(init.status, 0, init.stderr);
  for (const file of records) {
    const imported = itaku(['import', file], db);
    assert.equal(imported.status, 0, `import ${file}: ${imported.stderr}`);
  }
  const tokens = Object.fromEntries(ROLES.map((role) => [role, createToken(db, role)]));
  const server = await listen(db);
  return {
    base: server.base, db, tokens, dir,
    itaku: (args) => itaku(args, db),
    serverLog: server.log,
    async stop() {
      await stopProcess(server.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// SIGTERM, then SIGKILL if the server has not gone after SERVER_STOP_TIMEOUT_MS. A process that
// has already exited is not waited for ('exit' would never come again).
async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.stoppedByHarness = true;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve('late'), SERVER_STOP_TIMEOUT_MS); });
  if (await Promise.race([exited, late]) === 'late') {
    console.error(`itaku serve did not stop within ${SERVER_STOP_TIMEOUT_MS} ms of SIGTERM; killed`);
    child.kill('SIGKILL');
    await exited;
  }
  clearTimeout(timer);
}

// One server (as startServer) and one browser for a test file: started before its first test and
// handed to `use`, stopped after its last.
export function serverAndBrowserForFile(use, options) {
  let server;
  let browser;
  before(async () => {
    server = await startServer(options);
    browser = await launchBrowser();
    use(server, browser);
  });
  after(async () => {
    await browser?.close();
    // CTest shows this only when the file failed (--output-on-failure): the server's side of it.
    if (server) console.error(`itaku serve's log (last 4000 characters):\n${server.serverLog().slice(-4000)}`);
    await server?.stop();
  });
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

// A tab (its own context: sessionStorage and localStorage are per context) in `language`.
export async function openTab(browser, { language = 'ja', viewport = DESKTOP } = {}) {
  const context = await browser.newContext({ viewport, locale: language === 'en' ? 'en-GB' : 'ja-JP' });
  await context.addInitScript((lang) => {
    if (!localStorage.getItem('itaku.lang')) localStorage.setItem('itaku.lang', lang);
  }, language);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/the server responded with a status of (4\d\d)/.test(message.text())) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.problems = problems;
  return page;
}

// Waits until the router has finished drawing the page of the address now in the bar (main.js
// sets data-ready and data-drawn).
export async function ready(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' && document.body.dataset.drawn === window.location.hash,
    null, { timeout: 15000 });
}

// Waits until every live review on the page shows the form as it now stands (live-review.js sets
// data-review): an answer to an earlier state of the form may already show the finding waited for.
export async function reviewSettled(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('form[data-review]')].every((form) => form.dataset.review !== 'pending'), null, { timeout: 15000 });
}

export async function goTo(page, server, hash) {
  await page.goto(`${server.base}/${hash}`);
  await ready(page);
}

export async function signIn(page, server, role) {
  await goTo(page, server, '#/signin');
  await page.getByLabel(/トークン|Token/).fill(server.tokens[role]);
  await page.getByRole('button', { name: /サインイン|Sign in/ }).last().click();
  await page.waitForFunction(() => !location.hash.startsWith('#/signin'));
  await ready(page);
}

// No serious or critical violation of WCAG 2.0/2.1 A and AA (JIS X 8341-3 AA) on the page as it is.
export async function assertAccessible(page, what) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact));
  assert.deepEqual(bad.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}`), [],
    `axe-core on ${what}`);
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const language = await page.evaluate(() => document.documentElement.lang);
  const width = page.viewportSize().width;
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${language}-${width}.png`), fullPage: true });
}

export function assertNoPageErrors(page) {
  assert.deepEqual(page.problems, [], 'errors in the page');
}
