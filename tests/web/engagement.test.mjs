// The engagement page: the security office records a verification and voids it, ticks a clause
// with its evidence; a refused save keeps what was typed; roles see and are offered what they may.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoPageErrors, goTo, openTab, serverAndBrowserForFile, signIn,
} from './harness.mjs';
import { checkEveryWay } from './pages.mjs';

let server;
let browser;
serverAndBrowserForFile((started, launched) => {
  server = started;
  browser = launched;
});

async function signedIn(role, options) {
  const page = await openTab(browser, options);
  await signIn(page, server, role);
  return page;
}

const reviewVerification = (page) => page.locator('section[aria-labelledby=review-title] dd').nth(3);
const historyRows = (page) => page.locator('.history-table tbody tr');

test('an officer records a verification, sees it in the history and the review, then voids it with a reason', async () => {
  const page = await signedIn('officer');
  await goTo(page, server, '#/engagements/EX-001');
  assert.match(await reviewVerification(page).innerText(), /期限超過/, 'EX-001 is overdue in the examples');
  assert.equal(await historyRows(page).count(), 1);

  await page.getByRole('combobox', { name: /^結果/ }).selectOption('pass');
  await page.getByLabel('確認者').fill('市民課 上野');
  await page.getByLabel('メモ').fill('委託先で現地確認');
  await page.getByRole('button', { name: '確認を記録' }).click();
  const recorded = page.getByRole('status').filter({ hasText: 'の確認を記録しました' });
  await recorded.waitFor();
  assert.ok(await recorded.evaluate((element) => element === document.activeElement), 'the focus moves to the message');
  await historyRows(page).nth(1).waitFor();
  assert.match(await historyRows(page).nth(1).innerText(), /市民課 上野[\s\S]*委託先で現地確認/);
  await page.waitForFunction(() => /確認済み/.test(document.querySelectorAll('section[aria-labelledby=review-title] dd')[3].textContent));
  assert.equal(await page.getByLabel('確認者').inputValue(), '', 'the form is emptied for the next one');

  // Void it: "やめる" goes back to the row's button; the reason is required by the API.
  const voidButton = page.getByRole('button', { name: /^取り消す\s*（2 番/ });
  await voidButton.click();
  await page.getByRole('button', { name: 'やめる' }).click();
  assert.ok(await voidButton.evaluate((element) => element === document.activeElement), 'cancelling returns to the row');
  await voidButton.press('Enter');
  const reason = page.getByLabel('取り消す理由');
  assert.ok(await reason.evaluate((element) => element === document.activeElement), 'the focus goes to the reason');
  await page.getByRole('button', { name: '取り消す', exact: true }).click();
  await page.locator('.void-form .field__error:not([hidden])').waitFor();
  assert.match(await page.locator('.void-form .field__error').innerText(), /理由/);
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');

  await reason.fill('別の案件の確認結果を誤って登録したため');
  await page.getByRole('button', { name: '取り消す', exact: true }).click();
  await page.getByRole('status').filter({ hasText: '2 番の確認を取り消しました' }).waitFor();
  const voided = historyRows(page).nth(1);
  assert.equal(await voided.getAttribute('class'), 'voided', 'struck through');
  assert.match(await voided.innerText(), /取消済み[\s\S]*別の案件の確認結果を誤って登録したため/);
  assert.match(await voided.innerText(), /市民課 上野/, 'the voided verification stays visible');
  assert.equal(await voided.evaluate((row) => getComputedStyle(row.cells[1]).textDecorationLine), 'line-through');
  assert.match(await reviewVerification(page).innerText(), /期限超過/, 'a voided verification no longer counts');
  assert.equal(await page.getByRole('button', { name: /^取り消す\s*（2 番/ }).count(), 0, 'it cannot be voided twice');

  await page.reload();
  await historyRows(page).nth(1).waitFor();
  assert.match(await historyRows(page).nth(1).innerText(), /取消済み/, 'kept by the API');
  assertNoPageErrors(page);
  await page.context().close();
});

test('a verification the API refuses is explained next to the field and everything typed stays', async () => {
  const page = await signedIn('procurement', { language: 'en' });
  await goTo(page, server, '#/engagements/R7-C-003');
  const before = await historyRows(page).count();
  await page.getByLabel('Date').fill('');
  await page.getByRole('combobox', { name: /^Result/ }).selectOption('conditional');
  await page.getByLabel('Verifier').fill('Tax division, Sasaki');
  await page.getByLabel('Notes').fill('Checked the printing site');
  await page.getByRole('button', { name: 'Record the verification' }).click();
  const summary = page.locator('.error-summary');
  await summary.waitFor();
  assert.ok(await summary.evaluate((element) => element === document.activeElement), 'the summary takes the focus');
  assert.match(await page.locator('.field--invalid .field__error').innerText(), /date must be a real date/);
  assert.equal(await page.getByLabel('Date').getAttribute('aria-invalid'), 'true', 'the message is next to the date');
  assert.equal(await page.getByRole('combobox', { name: /^Result/ }).inputValue(), 'conditional');
  assert.equal(await page.getByLabel('Verifier').inputValue(), 'Tax division, Sasaki');
  assert.equal(await page.getByLabel('Notes').inputValue(), 'Checked the printing site');
  assert.equal(await historyRows(page).count(), before, 'nothing was recorded');
  assert.equal(await page.getByRole('button', { name: /^Void/ }).count(), 0, 'procurement is not offered voiding');
  assert.equal(await page.locator('#audit-title').count(), 0, 'nor the audit trail');
  assertNoPageErrors(page);
  await page.context().close();
});

test('a clause ticked with an evidence note is saved, reviewed and still there after a reload', async () => {
  const page = await signedIn('procurement');
  await goTo(page, server, '#/engagements/EX-001');
  const findings = page.locator('.findings');
  assert.match(await findings.innerText(), /OUT-13/, 'the examples lack OUT-13 for EX-001');
  const box = page.getByRole('checkbox', { name: /OUT-13/ });
  assert.equal(await box.isChecked(), false);
  await box.check();
  await page.getByLabel('OUT-13 の根拠を追加').fill('第15条（事故の公表）');
  await page.getByRole('button', { name: '条項を保存' }).click();
  await page.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
  assert.doesNotMatch(await findings.innerText(), /OUT-13/, 'the review shown is the one of the saved record');
  assert.equal(await page.getByLabel('OUT-13 の根拠を追加').inputValue(), '', 'the new note moved to the saved notes');

  await page.reload();
  await page.getByRole('checkbox', { name: /OUT-13/ }).waitFor();
  assert.equal(await page.getByRole('checkbox', { name: /OUT-13/ }).isChecked(), true);
  assert.match(await page.locator('.clause', { hasText: 'OUT-13' }).innerText(), /根拠: 第15条（事故の公表）/);
  assert.doesNotMatch(await findings.innerText(), /OUT-13/);
  assertNoPageErrors(page);
  await page.context().close();
});

test('a refused clause save keeps the ticks and notes as typed', async () => {
  // The auditor may read but not write: the page offers no save, and the API would say 403.
  const auditor = await signedIn('auditor');
  await goTo(auditor, server, '#/engagements/R7-C-005');
  assert.equal(await auditor.getByRole('button', { name: '条項を保存' }).count(), 0);
  assert.equal(await auditor.getByRole('checkbox').count(), 0, 'clauses are shown as words');
  assert.ok(await auditor.locator('.audit-table tbody tr').count() >= 1, 'the auditor sees the audit entries');
  await auditor.context().close();

  // Hardly any clause save a form can send is refused by the API (blank notes are not sent), so
  // the refusal is the API's error shape for a note, answered in its place.
  const page = await signedIn('officer');
  await goTo(page, server, '#/engagements/R7-C-005');
  const box = page.getByRole('checkbox', { name: /OUT-09/ });
  const wasChecked = await box.isChecked();
  await box.setChecked(!wasChecked);
  await page.getByLabel('OUT-09 の根拠を追加').fill('第9条');
  await page.route('**/api/v1/engagements/R7-C-005', (route) => (route.request().method() === 'PATCH'
    ? route.fulfill({ status: 422, contentType: 'application/json', body: JSON.stringify({ code: 'invalid_argument', message: 'clause_evidence の 1 番目: 長すぎます / clause_evidence item 1: too long', path: '/clause_evidence/0/note' }) })
    : route.continue()));
  await page.getByRole('button', { name: '条項を保存' }).click();
  await page.locator('.error-summary').waitFor();
  const field = page.getByLabel('OUT-09 の根拠を追加');
  assert.equal(await field.getAttribute('aria-invalid'), 'true', 'the message is next to the note it concerns');
  assert.match(await page.locator('.clause', { hasText: 'OUT-09' }).locator('.field__error').innerText(), /長すぎます/);
  assert.equal(await field.inputValue(), '第9条');
  assert.equal(await box.isChecked(), !wasChecked);
  await page.context().close();
});

test('a channel owner opens its own channel but gets a plain refusal for another department\'s', async () => {
  const page = await signedIn('channel_owner');
  await goTo(page, server, '#/engagements/CH-FB-01');
  await page.getByRole('heading', { name: 'このページは開けません' }).waitFor();
  assert.match(await page.locator('main [role=alert]').innerText(), /秘書広報課/, 'the API\'s reason is shown');
  assert.equal(await page.locator('.findings').count(), 0, 'nothing of the channel is shown');

  await goTo(page, server, '#/engagements/CH-X-01');
  await page.getByRole('heading', { level: 1, name: 'ひかり野市公式X（旧Twitter）' }).waitFor();
  assert.equal(await page.getByRole('button', { name: '確認を記録' }).count(), 1, 'it may record its channel\'s verification');
  assert.equal(await page.getByRole('button', { name: /^取り消す/ }).count(), 0, 'but not void one');
  assert.equal(await page.getByRole('link', { name: 'この SNS アカウントを編集' }).getAttribute('href'), '#/channels/CH-X-01/edit');
  assertNoPageErrors(page);
  await page.context().close();
});

test('the engagement page passes axe-core and fits a phone, in Japanese and English', async () => {
  await checkEveryWay(browser, server, 'admin', [{ hash: '#/engagements/R7-C-011', name: 'engagement', waitFor: '.audit-table' }]);
});
