// 新規の審査 (#/vet): procurement types a contract, sees the API's review change as it types,
// registers it; a refused save keeps everything typed; a channel owner is not offered the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, assertNoPageErrors, DESKTOP, goTo, openTab, PHONE, reviewSettled, screenshot, serverAndBrowserForFile, signIn,
} from './harness.mjs';

let server;
let browser;
serverAndBrowserForFile((started, launched) => {
  server = started;
  browser = launched;
});

const today = new Date().toISOString().slice(0, 10);

// A contract with no clause ticked: valid, so the API reviews it and lists the missing clauses.
async function typeContract(page, { ref, corporateNumber = '4011001098993' }) {
  await page.getByLabel('参照番号').fill(ref);
  await page.getByLabel('件名').fill('窓口案内業務委託（テスト）');
  await page.getByLabel('所管課').fill('市民課');
  const person = page.getByRole('group', { name: '責任者' });
  await person.getByLabel('氏名').fill('上野 太郎');
  await person.getByLabel('所属').fill('市民課');
  await page.getByLabel('名称').fill('株式会社例示サービス');
  await page.getByLabel('法人番号').fill(corporateNumber);
  await page.getByLabel('機密性').selectOption('2');
  await page.getByLabel('完全性').selectOption('1');
  await page.getByLabel('可用性').selectOption('1');
  await page.getByLabel('開始日').fill(today);
}

const panel = (page) => page.locator('.review-panel');
const finding = (page, id) => panel(page).locator(`[data-finding="${id}"]`);
// The message slot of the field labelled `label` (its name may go on with 「必須」).
const fieldError = (page, label) => page.locator('.field', { has: page.getByLabel(new RegExp(`^${label}`)) }).locator('.field__error');

async function readForm(page) {
  return {
    ref: await page.getByLabel('参照番号').inputValue(),
    title: await page.getByLabel('件名').inputValue(),
    vendor: await page.getByLabel('名称').inputValue(),
    corporateNumber: await page.getByLabel('法人番号').inputValue(),
    confidentiality: await page.getByLabel('機密性').inputValue(),
    start: await page.getByLabel('開始日').inputValue(),
    out02: await page.getByLabel(/^OUT-02 /).isChecked(),
    person: await page.getByRole('group', { name: '責任者' }).getByLabel('氏名').inputValue(),
  };
}

test('procurement sees the findings and decision live, ticks a clause, registers the contract', async () => {
  const page = await openTab(browser);
  await signIn(page, server, 'procurement');
  assert.equal(await page.getByRole('link', { name: '新規の審査' }).count(), 1, 'procurement is offered the page in the menu');
  await goTo(page, server, '#/vet');
  await page.getByRole('heading', { name: '新規の審査', level: 1 }).waitFor();
  assert.match(await panel(page).innerText(), /まだ審査できません/, 'an empty form is not reviewed yet');
  assert.equal(await page.locator('.field__error:not([hidden])').count(), 0, 'no error is shown on fields not reached yet');

  await typeContract(page, { ref: 'R8-WEB-001' });
  await finding(page, 'OUT-09').waitFor();
  await reviewSettled(page);
  const status = await panel(page).locator('[role=status]').innerText();
  assert.match(status, /判定: (条件付き承認|却下)/, 'the decision is said in words');
  assert.match(status, /リスク: (重大|高|中|低)/);
  assert.match(await finding(page, 'OUT-09').innerText(), /再委託の制限に関する条項がありません/);
  assert.match(await finding(page, 'OUT-09').innerText(), /重大度\s*(重大|高|中|低)/, 'the severity is a word, not only a colour');
  assert.equal(await finding(page, 'OUT-02').count(), 1);
  await assertAccessible(page, 'the vet form with live findings');

  await page.getByLabel(/^OUT-09 /).check();
  await finding(page, 'OUT-09').waitFor({ state: 'detached' });
  assert.equal(await finding(page, 'OUT-02').count(), 1, 'the other missing clauses are still found');

  const saving = page.waitForResponse((response) => response.url().endsWith('/api/v1/engagements') && response.request().method() === 'POST');
  await page.getByRole('button', { name: '登録する' }).click();
  assert.equal((await saving).status(), 201);
  await page.getByRole('heading', { name: '登録しました' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('notice')), true, 'the focus moves to the notice');
  assert.equal(await page.getByRole('link', { name: 'R8-WEB-001 の詳細を見る' }).getAttribute('href'), '#/engagements/R8-WEB-001');

  const stored = await fetch(`${server.base}/api/v1/engagements/R8-WEB-001`, { headers: { Authorization: `Bearer ${server.tokens.procurement}` } });
  assert.equal(stored.status, 200, 'the engagement is really stored');
  const { record } = await stored.json();
  assert.equal(record.kind, 'contractor');
  assert.deepEqual(record.clauses, ['OUT-09']);
  assert.equal(record.vendor.corporate_number, '4011001098993');
  assert.equal(record.contractor, undefined, 'an empty kind section is not sent');
  assert.equal(record.cloud, undefined, 'the section of the kind not chosen is not sent');
  await assertAccessible(page, 'the vet page after saving');
  assertNoPageErrors(page);
  await page.context().close();
});

test('a refused save keeps every value typed and says why next to the field', async () => {
  const page = await openTab(browser);
  await signIn(page, server, 'procurement');
  await goTo(page, server, '#/vet');
  await typeContract(page, { ref: 'EX-001' });
  await page.getByLabel(/^OUT-02 /).check();
  await finding(page, 'OUT-03').waitFor();
  await reviewSettled(page);
  const typed = await readForm(page);

  await page.getByRole('button', { name: '登録する' }).click();
  await page.locator('.error-summary').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('error-summary')), true, 'the focus moves to the error summary');
  assert.match(await fieldError(page, '参照番号').innerText(), /参照番号 EX-001 はすでに登録されています/);
  assert.equal(await page.getByLabel('参照番号').getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await readForm(page), typed, 'a duplicate ref (409) loses nothing typed');

  // The summary's link takes the keyboard to the field.
  await page.locator('.error-summary a').first().click();
  assert.equal(await page.evaluate(() => document.activeElement.name), '/ref');

  await page.getByLabel('参照番号').fill('R8-WEB-002');
  await page.getByLabel('法人番号').fill('1234567890123');
  await page.getByLabel('法人番号').blur();
  await fieldError(page, '法人番号').getByText(/法人番号が正しくありません/).waitFor();
  assert.equal(await fieldError(page, '参照番号').isHidden(), true, 'the 409 goes once the ref is changed');
  const typedAgain = await readForm(page);
  await page.getByRole('button', { name: '登録する' }).click();
  await page.locator('.error-summary').getByText(/法人番号が正しくありません/).first().waitFor();
  assert.match(await fieldError(page, '法人番号').innerText(), /法人番号が正しくありません/);
  assert.deepEqual(await readForm(page), typedAgain, 'an invalid 法人番号 (422) loses nothing typed');
  const missing = await fetch(`${server.base}/api/v1/engagements/R8-WEB-002`, { headers: { Authorization: `Bearer ${server.tokens.procurement}` } });
  assert.equal(missing.status, 404, 'nothing was stored');
  assertNoPageErrors(page);
  await page.context().close();
});

test('live errors show only on fields already reached, and typing asks for one review per pause', async () => {
  const page = await openTab(browser);
  await signIn(page, server, 'procurement');
  await goTo(page, server, '#/vet');
  let reviews = 0;
  page.on('request', (request) => { if (request.url().endsWith('/api/v1/review')) reviews += 1; });
  await page.getByLabel('件名').pressSequentially('窓口案内業務委託', { delay: 60 });
  await page.waitForTimeout(700);
  assert.equal(reviews, 1, 'eight keys typed without a pause: one review, 400 ms after the last');
  await page.getByLabel('法人番号').fill('12');
  await page.getByLabel('国').focus();
  await fieldError(page, '法人番号').getByText(/形式が正しくありません/).waitFor();
  assert.equal(await page.getByLabel('法人番号').getAttribute('aria-invalid'), 'true');
  assert.equal(await fieldError(page, '件名').isHidden(), true, 'a required field not reached yet is not flagged');
  assert.equal(await page.locator('.error-summary').count(), 0, 'no summary before a save');
  await page.getByLabel('法人番号').fill('4011001098993');
  await page.getByLabel('国').focus();
  await fieldError(page, '法人番号').waitFor({ state: 'hidden' });
  assertNoPageErrors(page);
  await page.context().close();
});

test('the kind select shows the cloud fieldset and the review follows it', async () => {
  const page = await openTab(browser);
  await signIn(page, server, 'officer');
  await goTo(page, server, '#/vet');
  await typeContract(page, { ref: 'R8-WEB-003' });
  await finding(page, 'OUT-09').waitFor();
  await reviewSettled(page);
  await page.getByLabel(/^種類/).selectOption('cloud');
  assert.equal(await page.getByRole('group', { name: '業務委託の詳細' }).count(), 0, 'the contractor fieldset is gone');
  await page.getByLabel('サービス名').fill('テストクラウド');
  await page.getByLabel('約款による利用').selectOption('false');
  await finding(page, 'CLD-01').waitFor();
  await reviewSettled(page);
  assert.equal(await finding(page, 'OUT-09').count(), 0, 'the contractor rules no longer apply');
  await page.getByLabel(/^種類/).selectOption('contractor');
  await finding(page, 'OUT-09').waitFor();
  await reviewSettled(page);
  await page.getByLabel(/^種類/).selectOption('cloud');
  assert.equal(await page.getByLabel('サービス名').inputValue(), 'テストクラウド', 'switching back keeps what was typed');
  assertNoPageErrors(page);
  await page.context().close();
});

test('certifications are added and removed as rows, and the review follows them', async () => {
  const page = await openTab(browser);
  await signIn(page, server, 'procurement');
  await goTo(page, server, '#/vet');
  // A 法人番号 the registry does not know yet: a known vendor's stored certifications would be added.
  await typeContract(page, { ref: 'R8-WEB-004', corporateNumber: '3700000000001' });
  await finding(page, 'OUT-01').waitFor();
  await reviewSettled(page);
  await page.getByRole('button', { name: '認証を追加' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.name), '/vendor/certifications/0/scheme', 'the new row takes the focus');
  await page.getByRole('button', { name: '認証を追加' }).click();
  const first = page.getByRole('group', { name: '認証 1' });
  await first.getByLabel(/^種類/).selectOption('PMARK');
  await first.getByLabel(/^有効期限/).fill('2099-03-31');
  // The second row is left empty: the API says so next to its fields once the form is saved.
  await page.getByRole('button', { name: '登録する' }).click();
  await page.locator('.error-summary').waitFor();
  const second = page.getByRole('group', { name: '認証 2' });
  assert.equal(await second.locator('.field--invalid').count() > 0, true, 'the empty second row is flagged in its own fields');
  await second.getByRole('button', { name: 'この認証を削除' }).click();
  assert.equal(await page.getByRole('group', { name: /^認証 \d/ }).count(), 1);
  await finding(page, 'OUT-01').waitFor({ state: 'detached' });
  assert.equal(await first.getByLabel(/^種類/).inputValue(), 'PMARK', 'the row kept stays as typed');
  await page.getByRole('button', { name: '登録する' }).click();
  await page.getByRole('heading', { name: '登録しました' }).waitFor();
  const { record } = await (await fetch(`${server.base}/api/v1/engagements/R8-WEB-004`, { headers: { Authorization: `Bearer ${server.tokens.procurement}` } })).json();
  assert.deepEqual(record.vendor.certifications, [{ scheme: 'PMARK', valid_until: '2099-03-31' }], 'stored as a list');
  assertNoPageErrors(page);
  await page.context().close();
});

test('a channel owner cannot vet contracts', async () => {
  const page = await openTab(browser);
  await signIn(page, server, 'channel_owner');
  assert.equal(await page.getByRole('link', { name: '新規の審査' }).count(), 0, 'no menu entry');
  await goTo(page, server, '#/vet');
  await page.getByRole('heading', { name: 'このページは開けません' }).waitFor();
  assert.equal(await page.locator('form').count(), 0);
  await page.context().close();
});

test('the vet page in both languages, on a desktop and a phone', async () => {
  for (const language of ['ja', 'en']) {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await openTab(browser, { language, viewport });
      await signIn(page, server, 'procurement');
      await goTo(page, server, '#/vet');
      await page.locator('input[name="/ref"]').fill(`R8-SHOT-${language}-${viewport.width}`);
      await page.locator('input[name="/title"]').fill('Screenshot contract');
      await page.locator('input[name="/department"]').fill('市民課');
      await page.locator('input[name="/vendor/name"]').fill('株式会社例示サービス');
      await page.locator('select[name="/information/confidentiality"]').selectOption('2');
      await page.locator('select[name="/information/integrity"]').selectOption('1');
      await page.locator('select[name="/information/availability"]').selectOption('1');
      await page.locator('input[name="/period/start"]').fill(today);
      await finding(page, 'OUT-02').waitFor();
      await reviewSettled(page);
      if (language === 'en') assert.match(await finding(page, 'OUT-02').innerText(), /The contract has no clause/, 'findings in English');
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
      assert.ok(fits, `no sideways scrolling at ${viewport.width} px`);
      await assertAccessible(page, `the vet page (${language}, ${viewport.width} px)`);
      await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
      await screenshot(page, 'vet');
      assertNoPageErrors(page);
      await page.context().close();
    }
  }
});
