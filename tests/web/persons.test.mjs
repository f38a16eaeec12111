// 責任者 and 人事異動: the security office moves a transferred person's engagements to a
// successor and sees which moved; a refused reassignment is said next to the field.
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

// Chooses the option naming `name` in the select labelled `label`.
async function choose(page, label, name) {
  const select = page.getByRole('combobox', { name: new RegExp(`^${label}`) });
  const value = await select.locator('option', { hasText: name }).getAttribute('value');
  await select.selectOption(value);
  return value;
}

// The number of engagements in a person's row (the link also holds words for screen readers).
const count = async (page, name) => Number.parseInt(await page.locator('.persons-table tbody tr', { hasText: name }).locator('td').last().innerText(), 10);

test('an officer moves a transferred person\'s engagements to a successor after confirming', async () => {
  const page = await signedIn('officer');
  await goTo(page, server, '#/persons');
  // In the examples 松本 浩二 (商工観光課) has left and still runs CH-FB-01; 小林 真一 runs five.
  assert.match(await page.locator('.persons-table tbody tr', { hasText: '松本 浩二' }).innerText(), /異動・退職済み/);
  assert.equal(await count(page, '松本 浩二'), 1);
  assert.equal(await count(page, '小林 真一'), 5);
  const toOptions = await page.getByRole('combobox', { name: /^引き継ぐ責任者/ }).locator('option').allInnerTexts();
  assert.ok(!toOptions.some((text) => text.includes('松本 浩二')), 'an inactive person is not offered as successor');

  await choose(page, '引き継ぐ前の責任者', '松本 浩二');
  await choose(page, '引き継ぐ責任者', '小林 真一');
  await page.getByRole('button', { name: '確認へ進む' }).click();
  const confirm = page.locator('.confirm');
  await confirm.waitFor();
  assert.match(await confirm.innerText(), /松本 浩二（商工観光課） の担当 1 件を、小林 真一（秘書広報課） に移します/);
  assert.ok(await page.getByRole('heading', { name: '内容を確かめてください' }).evaluate((element) => element === document.activeElement));

  await page.getByRole('button', { name: '移す', exact: true }).click();
  const result = page.getByRole('status').filter({ hasText: '移しました' });
  await result.waitFor();
  assert.match(await result.innerText(), /松本 浩二 さんの担当 1 件を 小林 真一 さんに移しました/);
  assert.equal(await result.getByRole('link', { name: 'CH-FB-01' }).getAttribute('href'), '#/engagements/CH-FB-01');
  assert.ok(await result.evaluate((element) => element === document.activeElement), 'the focus moves to what happened');
  await page.waitForFunction(() => [...document.querySelectorAll('.persons-table tbody tr')]
    .find((row) => row.textContent.includes('松本 浩二'))?.lastElementChild.textContent === '0');
  assert.equal(await count(page, '小林 真一'), 6, 'the list is read again');

  await result.getByRole('link', { name: 'CH-FB-01' }).click();
  await page.getByRole('heading', { level: 1, name: 'ひかり野市観光Facebookページ' }).waitFor();
  assert.match(await page.locator('.facts').filter({ hasText: '責任者' }).innerText(), /小林 真一/, 'the engagement names the successor');
  assertNoPageErrors(page);
  await page.context().close();
});

test('a reassignment the API refuses is said next to the successor, and the choices stay', async () => {
  const page = await signedIn('admin', { language: 'en' });
  await goTo(page, server, '#/persons');
  await page.getByRole('button', { name: 'Continue' }).click();
  assert.equal(await page.getByRole('combobox', { name: /^From/ }).getAttribute('aria-invalid'), 'true', 'nothing chosen: said next to the field');

  const from = await choose(page, 'From', '上野 太郎');
  const to = await choose(page, 'To', '上野 太郎');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Reassign', exact: true }).click();
  await page.locator('.error-summary').waitFor();
  const toField = page.getByRole('combobox', { name: /^To/ });
  assert.equal(await toField.getAttribute('aria-invalid'), 'true', 'the API\'s /to error is next to the successor');
  assert.ok((await page.locator('.field--invalid .field__error').innerText()).length > 0);
  assert.equal(await page.getByRole('combobox', { name: /^From/ }).inputValue(), from);
  assert.equal(await toField.inputValue(), to);
  assert.equal(await page.locator('.confirm').isHidden(), true);
  await page.context().close();
});

test('procurement is not offered the persons page', async () => {
  const page = await signedIn('procurement');
  await goTo(page, server, '#/persons');
  await page.getByRole('heading', { name: 'このページは開けません' }).waitFor();
  assert.equal(await page.getByRole('link', { name: '責任者' }).count(), 0, 'nor the menu entry');
  await page.context().close();
});

test('the persons page passes axe-core and fits a phone, in Japanese and English', async () => {
  await checkEveryWay(browser, server, 'officer', [{ hash: '#/persons', name: 'persons', waitFor: '.persons-table' }]);
});
