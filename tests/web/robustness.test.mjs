// What a tired clerk does to a form and must not lose by it: switching the language halfway, a
// token revoked while typing, two people editing one channel. (Found by attacking the pages.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertNoPageErrors, goTo, openTab, ready, serverAndBrowserForFile, signIn,
} from './harness.mjs';

let server;
let browser;
serverAndBrowserForFile((started, launched) => {
  server = started;
  browser = launched;
});

const field = (page, label) => page.getByLabel(new RegExp(`^${label}( 必須| required)?$`));

test('switching the language keeps everything typed in the vet form, and the focus on the switch', async () => {
  const page = await openTab(browser);
  await signIn(page, server, 'procurement');
  await goTo(page, server, '#/vet');
  await field(page, '参照番号').fill('R8-KEEP-01');
  await field(page, '件名').fill('言語を切り替えても消えない件名');
  await field(page, '所管課').fill('市民課');
  await field(page, '法人番号').fill('4011001098993');
  await field(page, '機密性').selectOption('2');
  await page.getByRole('button', { name: 'Show in English' }).click();
  await page.getByRole('heading', { level: 1, name: /Vet/ }).waitFor();
  await ready(page);  // the typed values are put back after the page is drawn
  assert.equal(await field(page, 'Reference').inputValue(), 'R8-KEEP-01');
  assert.equal(await field(page, 'Title').inputValue(), '言語を切り替えても消えない件名');
  assert.equal(await field(page, 'Corporate number').inputValue(), '4011001098993');
  assert.equal(await field(page, 'Confidentiality').inputValue(), '2');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'language-switch');
  assertNoPageErrors(page);
  await page.context().close();
});

test('a token revoked while a form is being typed asks for a new one on the page and loses nothing', async () => {
  const made = server.itaku(['token', 'create', '--name', 'soon revoked', '--role', 'procurement']);
  assert.equal(made.status, 0, made.stderr);
  const page = await openTab(browser);
  await goTo(page, server, '#/signin');
  await field(page, 'トークン').fill(made.stdout.trim());
  await page.getByRole('button', { name: 'サインイン' }).last().click();
  await page.waitForFunction(() => !location.hash.startsWith('#/signin'));
  await ready(page);
  await goTo(page, server, '#/vet');
  await field(page, '参照番号').fill('R8-KEEP-02');
  await field(page, '件名').fill('途中でトークンが取り消された件名');
  assert.equal(server.itaku(['token', 'revoke', 'soon revoked']).status, 0);
  await field(page, '所管課').fill('市民課');  // the live review now gets a 401
  const again = page.locator('.sign-in-again');
  await again.waitFor();
  assert.match(page.url(), /#\/vet$/, 'the page stays where it was');
  assert.equal(await field(page, '件名').inputValue(), '途中でトークンが取り消された件名');
  await again.getByLabel('トークン').fill(server.tokens.procurement);
  await again.getByRole('button', { name: 'サインインし直す' }).click();
  await again.waitFor({ state: 'detached' });
  assert.equal(await field(page, '参照番号').inputValue(), 'R8-KEEP-02');
  assert.equal(await field(page, '所管課').inputValue(), '市民課');
  await page.context().close();
});

test('two people editing one channel: the second save does not undo the first', async () => {
  const first = await openTab(browser);
  const second = await openTab(browser);
  await signIn(first, server, 'admin');
  await signIn(second, server, 'officer');
  await goTo(first, server, '#/channels/CH-BSKY-01/edit');
  await goTo(second, server, '#/channels/CH-BSKY-01/edit');

  await field(first, '件名').fill('管理者が直した件名');
  await first.getByRole('button', { name: '変更を保存する' }).click();
  await first.locator('.notice', { hasText: '保存しました（変更 1 件）' }).waitFor();

  await field(second, 'アカウント名').fill('@hikarino-city-second');
  await second.getByRole('button', { name: '変更を保存する' }).click();
  await second.locator('.notice', { hasText: '保存しました（変更 1 件）' }).waitFor();
  // Drawn afresh after its save: the second form now shows the first person's title ...
  assert.equal(await field(second, '件名').inputValue(), '管理者が直した件名');
  // ... so a further save of the second sends only its own change.
  await field(second, 'アカウント名').fill('@hikarino-city-third');
  await second.getByRole('button', { name: '変更を保存する' }).click();
  await second.locator('.notice', { hasText: '保存しました（変更 1 件）' }).waitFor();
  const stored = await (await fetch(`${server.base}/api/v1/engagements/CH-BSKY-01`, {
    headers: { Authorization: `Bearer ${server.tokens.admin}` },
  })).json();
  assert.equal(stored.record.title, '管理者が直した件名');
  assert.equal(stored.record.social_media.account, '@hikarino-city-third');
  await first.context().close();
  await second.context().close();
});
