// SNS アカウントの登録・編集 (#/channels/new, #/channels/REF/edit): the channel owner registers a
// channel, sees what to fix, fixes it on the edit page (PATCH with only the change); failed saves
// keep the input and say why next to the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertAccessible, assertNoPageErrors, DESKTOP, goTo, openTab, OWNER_DEPARTMENT, PHONE, reviewSettled, screenshot, serverAndBrowserForFile, signIn,
} from './harness.mjs';

let server;
let browser;
serverAndBrowserForFile((started, launched) => {
  server = started;
  browser = launched;
});

const today = new Date().toISOString().slice(0, 10);
const todo = (page) => page.locator('.review-panel');
const item = (page, id) => todo(page).locator(`[data-finding="${id}"]`);
// A field by its label, which may go on with 「必須」.
const field = (page, label) => page.getByLabel(new RegExp(`^${label}( 必須)?$`));
const fieldError = (page, label) => page.locator('.field', { has: field(page, label) }).locator('.field__error');

async function stored(ref, role = 'channel_owner') {
  const response = await fetch(`${server.base}/api/v1/engagements/${ref}`, { headers: { Authorization: `Bearer ${server.tokens[role]}` } });
  return { status: response.status, body: response.status === 200 ? await response.json() : null };
}

// Everything a channel needs but MFA.
async function typeChannel(page, ref) {
  await field(page, '参照番号').fill(ref);
  await field(page, '件名').fill('ひかり野市公式 Threads（テスト）');
  await field(page, 'サービス').selectOption('threads');
  await field(page, 'アカウント名').fill('@hikarino_test');
  await field(page, 'アカウントの URL').fill('https://www.threads.net/@hikarino_test');
  await field(page, '市のウェブサイトの掲載ページ').fill('https://www.city.example.lg.jp/sns/');
  await field(page, '運用手順を定めている').selectOption('true');
  await field(page, 'プロフィールに運用する所属を明記').selectOption('true');
  await field(page, '多要素認証（MFA）').selectOption('false');
  await field(page, '乗っ取り時の対応手順').selectOption('true');
  await field(page, 'サービス停止・終了時の対応').selectOption('true');
  await field(page, '管理者の氏名').fill('山口 彩');
  await field(page, '管理者の所属').fill(OWNER_DEPARTMENT);
  const person = page.getByRole('group', { name: '責任者' });
  await person.getByLabel('氏名').fill('小林 真一');
  await person.getByLabel('所属').fill(OWNER_DEPARTMENT);
  await field(page, '機密性').selectOption('1');
  await field(page, '完全性').selectOption('1');
  await field(page, '可用性').selectOption('1');
  await field(page, '開始日').fill(today);
}

test('a channel owner registers a channel, sees the MFA finding to fix, and fixes it on the edit page', async () => {
  const page = await openTab(browser);
  await signIn(page, server, 'channel_owner');
  await goTo(page, server, '#/channels/new');
  assert.equal(await field(page, '所管課').inputValue(), OWNER_DEPARTMENT, "the owner's department is filled in");
  assert.equal(await field(page, '所管課').getAttribute('readonly'), '', 'and cannot be changed by a channel owner');
  await typeChannel(page, 'CH-WEB-01');
  await item(page, 'SNS-04').waitFor();
  await reviewSettled(page);
  assert.match(await todo(page).getByRole('heading').innerText(), /対応が必要なこと/);
  assert.match(await item(page, 'SNS-04').innerText(), /多要素認証が未設定/);
  assert.equal(await todo(page).locator('[data-finding]').count(), 1, 'MFA is the one thing left to fix');
  await item(page, 'SNS-04').getByRole('link', { name: '「多要素認証（MFA）」へ移動' }).click();
  assert.equal(await page.evaluate(() => document.activeElement.name), '/social_media/mfa', 'the link takes the focus to the field');
  await assertAccessible(page, 'the new-channel form with a finding');

  const saving = page.waitForResponse((response) => response.url().endsWith('/api/v1/channels'));
  await page.getByRole('button', { name: '登録する' }).click();
  assert.equal((await saving).status(), 201);
  await page.waitForURL(/#\/channels\/CH-WEB-01\/edit/);
  await page.locator('.notice', { hasText: '登録しました。' }).waitFor();
  const created = await stored('CH-WEB-01');
  assert.equal(created.status, 200, 'the channel is stored');
  assert.equal(created.body.record.social_media.mfa, false);
  assert.equal(created.body.record.department, OWNER_DEPARTMENT);

  await goTo(page, server, '#/channels/CH-WEB-01/edit');
  await page.getByRole('heading', { level: 1, name: /SNS アカウントの編集/ }).waitFor();
  await item(page, 'SNS-04').waitFor();
  await reviewSettled(page);
  assert.equal(await field(page, '件名').inputValue(), 'ひかり野市公式 Threads（テスト）', 'the stored record fills the form');
  assert.equal(await field(page, '参照番号').getAttribute('readonly'), '', 'the ref cannot change');
  await field(page, '多要素認証（MFA）').selectOption('true');
  await item(page, 'SNS-04').waitFor({ state: 'detached' });
  assert.match(await todo(page).innerText(), /対応が必要なことはありません/, 'said plainly when nothing is left');

  const patched = page.waitForRequest((request) => request.method() === 'PATCH');
  await page.getByRole('button', { name: '変更を保存する' }).click();
  const request = await patched;
  assert.equal(request.headers()['content-type'], 'application/merge-patch+json');
  assert.deepEqual(request.postDataJSON(), { social_media: { mfa: true } }, 'only the change is sent, never verifications');
  await page.locator('.notice', { hasText: '保存しました（変更 1 件）' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('notice')), true, 'the focus moves to the notice');
  assert.equal((await stored('CH-WEB-01')).body.record.social_media.mfa, true, 'the change is stored');
  assert.equal(await item(page, 'SNS-04').count(), 0);
  await assertAccessible(page, 'the channel edit page after saving');
  assertNoPageErrors(page);
  await page.context().close();
});

test('a failed save keeps the input and says why next to the field', async () => {
  const page = await openTab(browser);
  await signIn(page, server, 'channel_owner');
  await goTo(page, server, '#/channels/new');
  await typeChannel(page, 'EX-002');
  await item(page, 'SNS-04').waitFor();
  await reviewSettled(page);
  await page.getByRole('button', { name: '登録する' }).click();
  await page.locator('.error-summary').waitFor();
  assert.match(await fieldError(page, '参照番号').innerText(), /参照番号 EX-002 はすでに登録されています/);
  assert.equal(await field(page, '参照番号').inputValue(), 'EX-002');
  assert.equal(await field(page, 'アカウントの URL').inputValue(), 'https://www.threads.net/@hikarino_test');
  assert.equal(await field(page, '多要素認証（MFA）').inputValue(), 'false');
  assert.equal(await field(page, '開始日').inputValue(), today);

  // An edit the API refuses (422): the message goes next to the field and the form stays as typed.
  await goTo(page, server, '#/channels/CH-X-01/edit');
  await field(page, 'アカウントの URL').fill('x.com/hikarino_city');
  await field(page, '件名').fill('ひかり野市公式X（改名）');
  await page.getByRole('button', { name: '変更を保存する' }).click();
  await page.locator('.error-summary').waitFor();
  assert.match(await fieldError(page, 'アカウントの URL').innerText(), /http/);
  assert.equal(await field(page, 'アカウントの URL').inputValue(), 'x.com/hikarino_city');
  assert.equal(await field(page, '件名').inputValue(), 'ひかり野市公式X（改名）');
  assert.equal((await stored('CH-X-01')).body.record.title, 'ひかり野市公式X（旧Twitter）', 'nothing was stored');
  assertNoPageErrors(page);
  await page.context().close();
});

test('the channel pages in both languages, on a desktop and a phone', async () => {
  for (const language of ['ja', 'en']) {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await openTab(browser, { language, viewport });
      await signIn(page, server, 'channel_owner');
      await goTo(page, server, '#/channels/new');
      await page.locator('input[name="/ref"]').fill('CH-SHOT-1');
      await page.locator('input[name="/ref"]').blur();
      await todo(page).locator('[role=status]').getByText(/まだ審査できません|Not reviewed yet/).waitFor();
      await assertFits(page, viewport);
      await assertAccessible(page, `the new-channel form (${language}, ${viewport.width} px)`);
      await screenshot(page, 'channel-new');

      await goTo(page, server, '#/channels/CH-LINE-01/edit');
      await item(page, 'SNS-04').waitFor();
      await reviewSettled(page);
      if (language === 'en') assert.match(await item(page, 'SNS-04').innerText(), /credentials are not protected/);
      await assertFits(page, viewport);
      await assertAccessible(page, `the channel edit form (${language}, ${viewport.width} px)`);
      await screenshot(page, 'channel-edit');
      assertNoPageErrors(page);
      await page.context().close();
    }
  }
});

async function assertFits(page, viewport) {
  const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(fits, `no sideways scrolling at ${viewport.width} px`);
}
