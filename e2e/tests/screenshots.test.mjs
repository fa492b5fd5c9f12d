// Screenshots of every page type of pages.mjs at 1280 and 360 px, in
// Ukrainian and English, written to e2e/test-results/screenshots/ so a
// person can look at the product as residents and clerks see it (a page
// that passes axe can still look broken). The test asserts only what a
// picture cannot hide: the page answered as expected and nothing is wider
// than the screen.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { LANGUAGES, PAGE_TYPES, pageType } from '../pages.mjs';
import { DESKTOP, baseURL, horizontalOverflow, launchBrowser, newContext } from '../lib/harness.mjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'screenshots');
const PHONE = { width: 360, height: 740 };

let browser;
before(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const fileName = (name, lang, width) => `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${lang}-${width}.png`;

for (const type of PAGE_TYPES) {
  describe(`screenshots: ${type.name}`, () => {
    for (const lang of LANGUAGES) {
      for (const viewport of [DESKTOP, PHONE]) {
        it(`${lang} ${viewport.width} px`, async () => {
          const entry = await pageType(baseURL(), type.name);
          const context = await newContext(browser, { lang, viewport, signIn: entry.signIn });
          try {
            const page = await context.newPage();
            const response = await page.goto(entry.path);
            assert.equal(response.status(), entry.status, `status of ${entry.path}`);
            await page.screenshot({ path: join(OUT, fileName(type.name, lang, viewport.width)), fullPage: true });
            const overflow = await horizontalOverflow(page);
            assert.ok(overflow.scrollWidth <= overflow.width, `wider than ${viewport.width} px: ${overflow.culprits.join('; ')}`);
          } finally {
            await context.close();
          }
        });
      }
    }
  });
}
