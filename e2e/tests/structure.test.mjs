// Structure of every page type of pages.mjs, in both languages: one h1,
// <html lang>, a skip link that is the first focusable element and moves
// focus to #main, the banner/main/contentinfo landmarks, and a title of the
// form "Page — Municipality — Civic Space".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LANGUAGES, PAGE_TYPES, pageType } from '../pages.mjs';
import { baseURL, describeFocus, focusedInfo, launchBrowser, newContext } from '../lib/harness.mjs';

const PLATFORM = 'Civic Space';
const SEP = ' — ';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The municipality's name as its home page shows it (the h1 there). */
const municipalityNames = new Map();
async function municipalityName(context, slug) {
  if (!municipalityNames.has(slug)) {
    const page = await context.newPage();
    const response = await page.goto(`/${slug}/`);
    assert.equal(response.status(), 200, `tenant home /${slug}/`);
    municipalityNames.set(slug, (await page.locator('h1').innerText()).trim());
    await page.close();
  }
  return municipalityNames.get(slug);
}

for (const type of PAGE_TYPES) {
  describe(`structure: ${type.name}`, () => {
    for (const lang of LANGUAGES) {
      it(lang, async () => {
        const entry = await pageType(baseURL(), type.name);
        const context = await newContext(browser, { lang, signIn: entry.signIn });
        try {
          const page = await context.newPage();
          const response = await page.goto(entry.path);
          assert.equal(response.status(), entry.status, `status of ${entry.path}`);

          // <html lang>
          assert.equal(await page.getAttribute('html', 'lang'), lang, '<html lang>');

          // exactly one h1, inside main
          assert.equal(await page.locator('h1').count(), 1, 'number of <h1>');
          assert.equal(await page.locator('main h1').count(), 1, 'the <h1> is inside <main>');
          const h1 = (await page.locator('h1').innerText()).trim();
          assert.ok(h1.length > 0, 'the <h1> has text');

          // landmarks, each exactly once
          for (const role of ['banner', 'main', 'contentinfo']) {
            assert.equal(await page.getByRole(role).count(), 1, `landmark ${role}`);
          }
          assert.equal(await page.locator('main#main').count(), 1, '<main id="main">');

          // title: Page — Municipality — Civic Space (Page — Civic Space on platform pages)
          const title = await page.title();
          const parts = title.split(SEP);
          const expectedParts = entry.tenant ? 3 : 2;
          assert.equal(parts.length, expectedParts, `title "${title}" has the form ${entry.tenant ? 'Page — Municipality — Civic Space' : 'Page — Civic Space'}`);
          assert.equal(parts.at(-1), PLATFORM, `title "${title}" ends with ${PLATFORM}`);
          if (entry.tenant) {
            const name = await municipalityName(context, entry.tenant);
            assert.equal(parts[1], name, `title "${title}" names the municipality`);
          }
          if ((entry.titlePage ?? 'h1') === 'h1') {
            assert.equal(parts[0], h1, `title "${title}" starts with the page's h1`);
          } else {
            assert.ok(parts[0].trim().length > 0, `title "${title}" starts with the page's name`);
          }

          // skip link: first focusable, visible with focus, moves focus to #main
          const firstFocusable = await page.evaluate(() => {
            const sel = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
            const el = [...document.querySelectorAll(sel)].find((e) => !e.disabled && e.getAttribute('tabindex') !== '-1');
            return el ? el.outerHTML.slice(0, 120) : null;
          });
          await page.keyboard.press('Tab');
          const skip = await focusedInfo(page);
          assert.equal(skip.tag, 'a', `first Tab focuses a link, got ${describeFocus(skip)}; first focusable in the DOM: ${firstFocusable}`);
          assert.equal(skip.href, '#main', `first focusable element is the skip link, got ${describeFocus(skip)}`);
          assert.ok(skip.text.length > 0, 'the skip link has text');
          assert.ok(skip.rect.width > 0 && skip.rect.height > 0 && skip.inViewport, `the focused skip link is visible: ${JSON.stringify(skip.rect)}`);
          assert.ok(skip.indicator, `the focused skip link has a focus indicator (outline ${skip.outline}, box-shadow ${skip.boxShadow})`);
          await page.keyboard.press('Enter');
          const afterSkip = await page.evaluate(() => ({ id: document.activeElement?.id, tag: document.activeElement?.tagName.toLowerCase() }));
          assert.deepEqual(afterSkip, { id: 'main', tag: 'main' }, 'Enter on the skip link moves focus to <main id="main">');
          // the next Tab continues inside main, not back at the top (on a page
          // with nothing focusable in main or the footer, e.g. "check your
          // e-mail", it leaves the document and may come round to the skip link)
          await page.keyboard.press('Tab');
          const next = await page.evaluate(() => {
            const el = document.activeElement;
            const sel = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
            // Each alternative of the selector list gets the scope, not only the first.
            const scoped = ['main', 'footer'].flatMap((scope) => sel.split(', ').map((part) => `${scope} ${part}`)).join(', ');
            const focusableAfter = [...document.querySelectorAll(scoped)].some((e) => !e.disabled && e.getClientRects().length > 0);
            if (el === document.body) return 'body';
            if (document.querySelector('main').contains(el) || document.querySelector('footer')?.contains(el)) return 'after';
            if (!focusableAfter && el.matches('a[href="#main"]')) return 'wrapped';
            return el.outerHTML.slice(0, 120);
          });
          assert.ok(['after', 'body', 'wrapped'].includes(next), `Tab after the skip link continues in main, got ${next}`);
        } finally {
          await context.close();
        }
      });
    }
  });
}
