// The shell: the first page's weight and time, the menu each role is offered, the dashboard, and
// a verification recorded by the officer showing on the dashboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, assertNoPageErrors, DESKTOP, goTo, openTab, PHONE, ready, screenshot, serverAndBrowserForFile, signIn,
} from './harness.mjs';

let server;
let browser;
serverAndBrowserForFile((started, launched) => {
  server = started;
  browser = launched;
});

// Its time is the web benchmark's (bench/web_bench.mjs): a timed test would fail on a busy machine.
test('the first page weighs under 300 KB and calls no API before sign-in', async () => {
  const page = await openTab(browser);
  await goTo(page, server, '#/signin');
  const measured = await page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    return {
      bytes: navigation.encodedBodySize + resources.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
      files: resources.map((entry) => new URL(entry.name).pathname),
    };
  });
  console.log(`first page: ${measured.bytes} bytes in ${measured.files.length + 1} files`);
  assert.ok(measured.files.every((file) => !file.startsWith('/api/')), `the sign-in page calls no API: ${measured.files}`);
  assert.ok(measured.bytes < 300 * 1024, `first page weighs ${measured.bytes} bytes`);
  await page.context().close();
});

const MENUS = {
  admin: ['ダッシュボード', '契約・サービス', 'SNS アカウント', '事業者', '新規の審査', '責任者', '公式アカウント確認'],
  officer: ['ダッシュボード', '契約・サービス', 'SNS アカウント', '事業者', '新規の審査', '責任者', '公式アカウント確認'],
  procurement: ['ダッシュボード', '契約・サービス', '事業者', '新規の審査', '公式アカウント確認'],
  channel_owner: ['ダッシュボード', 'SNS アカウント', '公式アカウント確認'],
  auditor: ['ダッシュボード', '契約・サービス', 'SNS アカウント', '事業者', '公式アカウント確認'],
};

for (const [role, menu] of Object.entries(MENUS)) {
  test(`${role} signs in and is offered its own menu and dashboard`, async () => {
    const page = await openTab(browser);
    await signIn(page, server, role);
    assert.deepEqual(await page.locator('#nav-list a').allInnerTexts(), menu);
    await page.getByRole('heading', { level: 1, name: 'ダッシュボード' }).waitFor();
    // Each role's dashboard counts what it may see: of the 25 examples, procurement sees the 18
    // contracts and cloud services, the channel owner 秘書広報課's 4 channels.
    const seen = { procurement: 18, channel_owner: 4 }[role] ?? 25;
    assert.match(await page.locator('.lead').innerText(), new RegExp(` ${seen} 件`));
    assertNoPageErrors(page);
    await page.context().close();
  });
}

test('a channel owner opening a page of another role is told plainly', async () => {
  const page = await openTab(browser);
  await signIn(page, server, 'channel_owner');
  await goTo(page, server, '#/vet');
  await page.getByRole('heading', { name: 'このページは開けません' }).waitFor();
  await goTo(page, server, '#/engagements/CH-FB-01');
  await page.getByRole('heading', { name: 'このページは開けません' }).waitFor();
  assert.match(await page.locator('[role=alert]').innerText(), /SNS 担当|channel/);
  await page.context().close();
});

test('the dashboard shows counts, the due list and the findings chart, and reads with a keyboard', async () => {
  for (const language of ['ja', 'en']) {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await openTab(browser, { language, viewport });
      await signIn(page, server, 'officer');
      await page.locator('svg.chart').waitFor();
      await assertAccessible(page, `the dashboard (${language}, ${viewport.width} px)`);
      await screenshot(page, 'dashboard');
      if (viewport === PHONE) {
        assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling at 375 px');
      }
      await page.context().close();
    }
  }
  const page = await openTab(browser);
  await signIn(page, server, 'officer');
  // The chart's figures are also a table: its totals add up to the chart's severities.
  await page.getByText('表で見る').click();
  const rows = await page.locator('details table tbody tr').count();
  assert.ok(rows > 0);
  // Keyboard: on a fresh load, Tab reaches the skip link first.
  await page.reload();
  await ready(page);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'skip-link');
  await page.context().close();
});

test('a verification recorded by the officer leaves the overdue list of the dashboard', async () => {
  const page = await openTab(browser);
  await signIn(page, server, 'officer');
  const overdue = page.locator('table', { hasText: '確認の期限超過' });
  await overdue.waitFor();
  assert.match(await overdue.innerText(), /EX-001/);
  const overdueCount = Number((await page.locator('.stat', { hasText: '期限超過' }).locator('.stat__value').innerText()).replace(/,/g, ''));
  // Recorded on the engagement's page, as the security office does after a site visit.
  await goTo(page, server, '#/engagements/EX-001');
  await page.getByRole('combobox', { name: /^結果/ }).selectOption('pass');
  await page.getByLabel('確認者').fill('情報政策課');
  await page.getByRole('button', { name: '確認を記録' }).click();
  await page.getByRole('status').filter({ hasText: 'の確認を記録しました' }).waitFor();
  await page.getByRole('link', { name: 'ダッシュボード' }).click();
  await ready(page);
  await page.locator('svg.chart').waitFor();
  assert.doesNotMatch(await page.locator('table', { hasText: '確認の期限超過' }).innerText(), /EX-001/);
  const after = Number((await page.locator('.stat', { hasText: '期限超過' }).locator('.stat__value').innerText()).replace(/,/g, ''));
  assert.equal(after, overdueCount - 1);
  await page.context().close();
});
