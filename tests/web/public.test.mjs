// The public 公式アカウント確認 page and sign-in: what a resident and every user meet first.
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

test('a resident checks an official account and an impersonation on a phone, without signing in', async () => {
  const page = await openTab(browser, { viewport: PHONE });
  await goTo(page, server, '#/verify');
  await page.getByLabel('アカウントのアドレスまたは @名前').fill('https://www.youtube.com/@example-city');
  await page.getByRole('button', { name: '確認する' }).click();
  await page.getByRole('heading', { name: '市の公式アカウントです' }).waitFor();
  assert.match(await page.locator('.verdict').innerText(), /市公式YouTubeチャンネル/);
  assert.match(page.url(), /#\/verify\?url=/, 'the address bar holds the question, so the answer can be shared');
  const noHorizontalScroll = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  assert.ok(noHorizontalScroll, 'the page fits 375 px without scrolling sideways');

  await page.getByLabel('アカウントのアドレスまたは @名前').fill('https://x.com/hikarino_city_official_fake');
  await page.getByRole('button', { name: '確認する' }).click();
  await page.getByRole('heading', { name: '公式アカウントとして登録されていません' }).waitFor();
  assert.match(await page.locator('.verdict').innerText(), /なりすまし/);
  await assertAccessible(page, 'the public check with an answer');
  assertNoPageErrors(page);
  await page.context().close();
});

test('the public check says next to the field when nothing was entered', async () => {
  const page = await openTab(browser, { language: 'en' });
  await goTo(page, server, '#/verify');
  await page.getByRole('button', { name: 'Check' }).click();
  const field = page.getByLabel('Account address or @name');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('.field__error').innerText(), /enter the address/);
  await page.context().close();
});

test('a wrong token is refused next to the field and stays typed; a right one signs in for this tab only', async () => {
  const page = await openTab(browser);
  await goTo(page, server, '#/');
  assert.match(page.url(), /#\/signin\?next=/, 'a page that needs sign-in sends you to sign in first');
  const field = page.getByLabel('トークン');
  await field.fill('itk_not-a-real-token');
  await page.getByRole('button', { name: 'サインイン' }).last().click();
  await page.locator('.field__error:not([hidden])').waitFor();
  assert.match(await page.locator('.field__error').innerText(), /このトークンではサインインできません/);
  assert.equal(await field.inputValue(), 'itk_not-a-real-token', 'what was typed is kept');
  await assertAccessible(page, 'sign-in with an error');

  await signIn(page, server, 'officer');
  assert.match(await page.locator('#who').innerText(), /情報セキュリティ担当/);
  const second = await page.context().newPage();
  await second.goto(`${server.base}/#/`);
  await ready(second);
  assert.match(second.url(), /#\/signin/, 'another tab is not signed in: the token is kept per tab');
  assertNoPageErrors(page);
  await page.context().close();
});

test('the language switch turns the page into English and back', async () => {
  const page = await openTab(browser);
  await goTo(page, server, '#/verify');
  await page.getByRole('button', { name: 'Show in English' }).click();
  await ready(page);
  await page.getByRole('heading', { name: 'Official account check' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await page.getByRole('button', { name: '日本語で表示' }).click();
  await ready(page);
  await page.getByRole('heading', { name: '公式アカウント確認' }).waitFor();
  await screenshot(page, 'verify');
  await page.context().close();
});

test('sign-in and the public check pass axe-core and are photographed in both languages at both widths', async () => {
  for (const language of ['ja', 'en']) {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await openTab(browser, { language, viewport });
      await goTo(page, server, '#/signin');
      await assertAccessible(page, `sign-in (${language}, ${viewport.width} px)`);
      await screenshot(page, 'signin');
      await goTo(page, server, '#/verify?url=%40example-city');
      await page.locator('.verdict').waitFor();
      await assertAccessible(page, `the public check (${language}, ${viewport.width} px)`);
      await screenshot(page, 'verify');
      assertNoPageErrors(page);
      await page.context().close();
    }
  }
});
