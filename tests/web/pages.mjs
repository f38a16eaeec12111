// What the tests of the signed-in pages share: more records than one page holds, and the
// accessibility check and screenshots of a page in both languages at both widths.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import {
  DESKTOP, PHONE, SOURCE_DIR, assertAccessible, assertNoPageErrors, goTo, openTab, screenshot, signIn,
} from './harness.mjs';

export const EXAMPLES = path.join(SOURCE_DIR, 'examples/engagements.jsonl');

export function exampleRecords() {
  return readFileSync(EXAMPLES, 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line));
}

// `count` copies of the example contracts and cloud services under new refs (T-0001 …), in a
// temporary JSON Lines file for startServer({records}); remove() deletes it.
export function copiedRecords(count) {
  const sources = exampleRecords().filter((record) => record.kind !== 'social_media');
  const records = Array.from({ length: count }, (_, index) => ({
    ...structuredClone(sources[index % sources.length]), ref: `T-${String(index + 1).padStart(4, '0')}`,
  }));
  const dir = mkdtempSync(path.join(tmpdir(), 'itaku-web-records-'));
  const file = path.join(dir, 'copies.jsonl');
  writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  return { file, records, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Signs `role` in, in each language at each width, and on each of `pages` ({hash, name,
// waitFor: a selector}) checks axe-core and that the page does not scroll sideways, then takes
// its screenshot (four per page). One sign-in per language and width keeps it quick.
export async function checkEveryWay(browser, server, role, pages) {
  for (const language of ['ja', 'en']) {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await openTab(browser, { language, viewport });
      await signIn(page, server, role);
      for (const { hash, name, waitFor } of pages) {
        await goTo(page, server, hash);
        if (waitFor) await page.locator(waitFor).first().waitFor();
        const what = `${name} (${language}, ${viewport.width} px)`;
        await assertAccessible(page, what);
        const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
        assert.ok(fits, `${what} does not scroll sideways`);
        await screenshot(page, name);
      }
      assertNoPageErrors(page);
      await page.context().close();
    }
  }
}

// The refs in the first column of the list's table, in order.
export async function listedRefs(page) {
  return page.locator('.list-table tbody th').allInnerTexts();
}
