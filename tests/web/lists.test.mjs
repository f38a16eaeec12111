// The lists: engagements, channels and vendors, per role, with filters, search and paging over
// more engagements than one page holds (the examples and 120 copies: 145 engagements).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoPageErrors, goTo, openTab, ready, serverAndBrowserForFile, signIn,
} from './harness.mjs';
import { EXAMPLES, checkEveryWay, copiedRecords, exampleRecords, listedRefs } from './pages.mjs';

const copies = copiedRecords(120);
let server;
let browser;
serverAndBrowserForFile((started, launched) => {
  server = started;
  browser = launched;
}, { records: [EXAMPLES, copies.file] });
after(() => copies.remove());

async function signedIn(role, options) {
  const page = await openTab(browser, options);
  await signIn(page, server, role);
  return page;
}

test('pages through 145 engagements with the cursor, keeping each page in the address', async () => {
  const page = await signedIn('officer');
  await goTo(page, server, '#/engagements');
  const first = await listedRefs(page);
  assert.equal(first.length, 50, 'a page holds 50');
  assert.deepEqual(first, [...first].sort(), 'ordered by ref');
  assert.equal(await page.getByRole('link', { name: '最初のページへ' }).count(), 0, 'no way back on the first page');

  await page.getByRole('link', { name: '次へ' }).click();
  await ready(page);
  assert.match(page.url(), /[?&]cursor=[^&]+/);
  assert.match(page.url(), /[?&]page=2/);
  const second = await listedRefs(page);
  assert.equal(second.length, 50);
  assert.ok(second[0] > first.at(-1), 'the second page goes on where the first ended');
  assert.match(await page.locator('.list-status').innerText(), /2 ページ目/);

  await page.reload();
  await ready(page);
  assert.deepEqual(await listedRefs(page), second, 'a reload shows the same page');

  await page.getByRole('link', { name: '次へ' }).click();
  await ready(page);
  const third = await listedRefs(page);
  assert.equal(third.length, 45, 'the last page holds the rest');
  assert.equal(await page.getByRole('link', { name: '次へ' }).count(), 0, 'no next page after the last');
  assert.equal(new Set([...first, ...second, ...third]).size, 145, 'every engagement once');

  await page.getByRole('link', { name: '最初のページへ' }).click();
  await ready(page);
  assert.deepEqual(await listedRefs(page), first);
  assertNoPageErrors(page);
  await page.context().close();
});

test('filters go into the address, survive a reload and stay on the next page', async () => {
  const page = await signedIn('auditor');
  await goTo(page, server, '#/engagements');
  await page.getByLabel('種類').selectOption('contractor');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await ready(page);
  assert.match(page.url(), /kind=contractor/);
  const kinds = await page.locator('.list-table tbody tr td:nth-child(4)').allInnerTexts();
  assert.equal(kinds.length, 50);
  assert.ok(kinds.every((kind) => kind === '業務委託'), 'only contracts');

  await page.getByRole('link', { name: '次へ' }).click();
  await ready(page);
  assert.match(page.url(), /kind=contractor/, 'the next page keeps the filter');
  assert.equal(await page.getByLabel('種類').inputValue(), 'contractor', 'the form shows the filter in force');
  const more = await page.locator('.list-table tbody tr td:nth-child(4)').allInnerTexts();
  assert.ok(more.length > 0 && more.every((kind) => kind === '業務委託'));

  await goTo(page, server, '#/engagements?kind=cloud&decision=reject');
  assert.equal(await page.getByLabel('判定').inputValue(), 'reject');
  const rows = page.locator('.list-table tbody tr');
  assert.ok(await rows.count() > 0);
  for (const text of await rows.allInnerTexts()) {
    assert.match(text, /外部サービス/);
    assert.match(text, /却下/);
  }
  await page.getByRole('link', { name: '条件をクリア' }).click();
  await ready(page);
  assert.equal(await listedRefs(page).then((refs) => refs.length), 50);
  assert.equal(await page.getByLabel('判定').inputValue(), '');
  assertNoPageErrors(page);
  await page.context().close();
});

test('a search by a vendor name in Japanese finds its engagements only', async () => {
  const vendor = '両備システムズ';
  const expected = [...copies.records, ...exampleRecords()]
    .filter((record) => record.vendor?.name.includes(vendor)).map((record) => record.ref).sort();
  const page = await signedIn('procurement');
  await goTo(page, server, '#/engagements');
  await page.getByLabel('検索').fill(vendor);
  await page.getByRole('button', { name: '絞り込む' }).click();
  await ready(page);
  assert.match(decodeURIComponent(page.url()), new RegExp(`q=${vendor}`));
  assert.deepEqual(await listedRefs(page), expected);
  assert.equal(await page.getByLabel('検索').inputValue(), vendor);

  // By keyboard: Enter in the search box searches.
  await goTo(page, server, '#/vendors');
  await page.getByLabel('検索').fill('両備');
  await page.getByLabel('検索').press('Enter');
  await ready(page);
  assert.deepEqual(await listedRefs(page), ['株式会社両備システムズ']);
  assert.match(await page.locator('.list-table tbody tr').innerText(), /8260001007077/);
  assertNoPageErrors(page);
  await page.context().close();
});

test('a search page cut short by the server\'s scan limit offers to search further, not "next"', async () => {
  // Only a registry larger than the server's scan (4,096 engagements) answers a short page, so
  // the API's answer for such a page is given in its place.
  const page = await signedIn('officer');
  const asked = [];
  await page.route('**/api/v1/engagements?*', (route) => {
    const url = new URL(route.request().url());
    asked.push(url.searchParams.get('cursor'));
    const item = {
      ref: url.searchParams.get('cursor') ? 'T-4100' : 'T-0007', kind: 'contractor', title: '保守業務', department: '市民課', status: 'active',
      decision: 'approve', risk_level: 'none', verification_status: 'verified', next_due: '2027-04-01',
    };
    return route.fulfill({ json: { items: [item], next_cursor: url.searchParams.get('cursor') ? null : 'c2Nhbm5lZA' } });
  });
  await goTo(page, server, `#/engagements?q=${encodeURIComponent('保守')}`);
  assert.deepEqual(await listedRefs(page), ['T-0007']);
  assert.equal(await page.getByRole('link', { name: '次へ' }).count(), 0);
  assert.match(await page.locator('main .notice').first().innerText(), /検索は途中までです/);
  await page.getByRole('link', { name: 'さらに探す' }).click();
  await ready(page);
  assert.match(page.url(), /cursor=c2Nhbm5lZA/);
  assert.match(decodeURIComponent(page.url()), /q=保守/, 'the search goes on with the same text');
  assert.deepEqual(await listedRefs(page), ['T-4100']);
  assert.deepEqual(asked, [null, 'c2Nhbm5lZA'], 'the cursor of the short page is sent');
  assert.equal(await page.getByRole('link', { name: 'さらに探す' }).count(), 0, 'the search has reached the end');
  await page.context().close();
});

test('a search the API refuses is said next to the search box', async () => {
  const page = await signedIn('officer');
  await goTo(page, server, '#/engagements');
  await page.getByLabel('検索').fill('あ'.repeat(201));
  await page.getByRole('button', { name: '絞り込む' }).click();
  await ready(page);
  assert.equal(await page.getByLabel('検索').getAttribute('aria-invalid'), 'true', 'q over 200 characters: 400 at q');
  assert.equal(await page.getByLabel('検索').inputValue(), 'あ'.repeat(201));
  await page.context().close();
});

test('procurement lists no social-media channel and cannot open the channel list', async () => {
  const page = await signedIn('procurement');
  await goTo(page, server, '#/engagements');
  const kindOptions = await page.getByLabel('種類').locator('option').allInnerTexts();
  assert.ok(!kindOptions.includes('SNS アカウント'), 'the kind it may not see is not offered');
  const refs = [];
  for (;;) {
    refs.push(...await listedRefs(page));
    const next = page.getByRole('link', { name: '次へ' });
    if (!await next.count()) break;
    await next.click();
    await ready(page);
  }
  assert.equal(refs.length, 138, 'the 18 example contracts and cloud services and the 120 copies');
  assert.ok(!refs.some((ref) => ref.startsWith('CH-') || ref === 'EX-002'), 'no channel listed');
  await goTo(page, server, '#/channels');
  await page.getByRole('heading', { name: 'このページは開けません' }).waitFor();
  await page.context().close();
});

test('a channel owner sees its own department\'s channels only, may edit them, and cannot open the vendors', async () => {
  const page = await signedIn('channel_owner');
  await goTo(page, server, '#/channels');
  const departments = await page.locator('.list-table tbody tr td:nth-child(3)').allInnerTexts();
  assert.equal(departments.length, 4);
  assert.ok(departments.every((department) => department === '秘書広報課'));
  assert.deepEqual(await listedRefs(page), ['CH-BSKY-01', 'CH-LINE-01', 'CH-X-01', 'EX-002']);
  assert.equal(await page.getByRole('link', { name: 'SNS アカウントを登録' }).getAttribute('href'), '#/channels/new');
  assert.equal(await page.getByRole('link', { name: /^編集/ }).first().getAttribute('href'), '#/channels/CH-BSKY-01/edit');
  assert.equal(await page.getByLabel('所管課').count(), 0, 'no department filter: it sees one department');

  await goTo(page, server, '#/vendors');
  await page.getByRole('heading', { name: 'このページは開けません' }).waitFor();
  assert.equal(await page.locator('table').count(), 0);
  await goTo(page, server, '#/engagements');
  await page.getByRole('heading', { name: 'このページは開けません' }).waitFor();
  assertNoPageErrors(page);
  await page.context().close();
});

test('the auditor lists every channel but is offered no registration or editing', async () => {
  const page = await signedIn('auditor');
  await goTo(page, server, '#/channels');
  assert.equal((await listedRefs(page)).length, 7);
  assert.equal(await page.getByRole('link', { name: 'SNS アカウントを登録' }).count(), 0);
  assert.equal(await page.getByRole('link', { name: /^編集/ }).count(), 0);
  await page.getByLabel('所管課').fill('商工観光課');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await ready(page);
  assert.deepEqual(await listedRefs(page), ['CH-FB-01']);
  await page.context().close();
});

test('the lists pass axe-core and fit a phone, in Japanese and English', async () => {
  await checkEveryWay(browser, server, 'officer', [
    { hash: '#/engagements', name: 'engagements', waitFor: '.list-table' },
    { hash: '#/channels', name: 'channels', waitFor: '.list-table' },
    { hash: '#/vendors', name: 'vendors', waitFor: '.list-table' },
  ]);
});
