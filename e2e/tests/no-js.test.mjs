// With JavaScript off, every page type still renders and links still work.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO, LANGUAGES, PAGE_TYPES, pageType } from '../pages.mjs';
import { baseURL, launchBrowser, newContext, clickAndLoad } from '../lib/harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const path = (page) => new URL(page.url()).pathname;

/** Clicks a link; resolves when the next document has loaded. */
describe('JavaScript off: every page type renders', () => {
  for (const type of PAGE_TYPES) {
    for (const lang of LANGUAGES) {
      it(`${type.name} (${lang})`, async () => {
        const entry = await pageType(baseURL(), type.name);
        const context = await newContext(browser, { lang, javaScriptEnabled: false, signIn: entry.signIn });
        try {
          const page = await context.newPage();
          const response = await page.goto(entry.path);
          assert.equal(response.status(), entry.status);
          assert.equal(await page.locator('h1').count(), 1, 'one h1');
          assert.ok((await page.locator('h1').innerText()).trim().length > 0, 'the h1 has text');
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          assert.ok((await page.locator('main').innerText()).trim().length > 0, 'main has content');
          // the stylesheet loaded (it is not injected by script)
          const sheet = await page.locator('link[rel="stylesheet"]').first().getAttribute('href');
          assert.ok(sheet, 'a stylesheet link');
          const css = await context.request.get(sheet);
          assert.equal(css.status(), 200, `stylesheet ${sheet}`);
        } finally {
          await context.close();
        }
      });
    }
  }
});

describe('JavaScript off: links work', () => {
  it('landing → tenant → space → idea → English → Ukrainian → error page → home', async () => {
    const context = await newContext(browser, { lang: 'uk', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto('/');
      assert.equal(path(page), '/');

      await page.locator(`main a[href="/${DEMO}/"]`).first().click();
      await page.waitForURL(`**/${DEMO}/`);
      assert.equal(path(page), `/${DEMO}/`);

      await page.locator(`main a[href^="/${DEMO}/spaces/"]`).first().click();
      await page.waitForURL(new RegExp(`/${DEMO}/spaces/\\d+$`));

      await page.locator(`main a[href^="/${DEMO}/ideas/"]`).first().click();
      await page.waitForURL(new RegExp(`/${DEMO}/ideas/\\d+$`));
      const ideaPath = path(page);
      assert.equal(await page.getAttribute('html', 'lang'), 'uk');

      await clickAndLoad(page, page.locator('a[hreflang="en"]'));
      assert.equal(path(page), ideaPath, 'language switch returns to the page');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');

      await clickAndLoad(page, page.locator('a[hreflang="uk"]'));
      assert.equal(path(page), ideaPath);
      assert.equal(await page.getAttribute('html', 'lang'), 'uk');

      const response = await page.goto(`/${DEMO}/ideas/999999`);
      assert.equal(response.status(), 404);
      const home = page.locator('main a').last();
      const href = await home.getAttribute('href');
      await home.click();
      await page.waitForURL((u) => u.pathname === href);
      assert.equal(await page.locator('h1').count(), 1);
    } finally {
      await context.close();
    }
  });
});
