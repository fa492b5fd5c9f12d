// Keyboard-only journeys: Tab and Enter, never a click. At every Tab stop the
// focused element must be visible (non-zero box, in the viewport) and show a
// focus indicator (an outline or a box-shadow).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO, SECOND_TENANT } from '../pages.mjs';
import { DESKTOP, NARROW, baseURL, describeFocus, focusedInfo, launchBrowser, newContext } from '../lib/harness.mjs';

const MAX_TABS = 80;

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/**
 * Presses Tab until the focused element satisfies `wanted` (a predicate on
 * focusedInfo), checking visibility and the focus indicator at each stop.
 * Returns the focused element's info.
 */
async function tabTo(page, what, wanted) {
  const visited = [];
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const f = await focusedInfo(page);
    if (f.none) {
      visited.push('(left the page)');
      continue;
    }
    visited.push(describeFocus(f));
    assert.ok(f.rect.width > 0 && f.rect.height > 0, `focused element has a box: ${describeFocus(f)} ${JSON.stringify(f.rect)}`);
    assert.ok(f.inViewport, `focused element is scrolled into view: ${describeFocus(f)} ${JSON.stringify(f.rect)}`);
    assert.ok(f.indicator, `focused element shows focus (outline ${f.outline}, box-shadow ${f.boxShadow}): ${describeFocus(f)} on ${page.url()}`);
    if (wanted(f)) return f;
  }
  assert.fail(`no ${what} reachable with Tab on ${page.url()}; visited:\n  ${visited.join('\n  ')}`);
}

/** Enter on the focused link; resolves when the next document has loaded. */
async function follow(page) {
  const loaded = page.waitForEvent('load');
  await page.keyboard.press('Enter');
  await loaded;
}

const path = (page) => new URL(page.url()).pathname;

for (const viewport of [DESKTOP, NARROW]) {
  describe(`keyboard at ${viewport.width}px`, () => {
    it('tenant home → space → idea, switch to English and back to Ukrainian', async () => {
      const context = await newContext(browser, { lang: 'uk', viewport });
      try {
        const page = await context.newPage();
        await page.goto(`/${DEMO}/`);

        await tabTo(page, 'space link', (f) => f.tag === 'a' && new RegExp(`^/${DEMO}/spaces/\\d+$`).test(f.href ?? ''));
        await follow(page);
        assert.match(path(page), new RegExp(`^/${DEMO}/spaces/\\d+$`), 'on a space page');
        assert.equal(await page.locator('h1').count(), 1);

        await tabTo(page, 'idea link', (f) => f.tag === 'a' && new RegExp(`^/${DEMO}/ideas/\\d+$`).test(f.href ?? ''));
        await follow(page);
        const ideaPath = path(page);
        assert.match(ideaPath, new RegExp(`^/${DEMO}/ideas/\\d+$`), 'on an idea page');
        assert.equal(await page.getAttribute('html', 'lang'), 'uk');

        await tabTo(page, 'English link', (f) => f.tag === 'a' && f.hreflang === 'en');
        await follow(page);
        assert.equal(path(page), ideaPath, 'the language switch returns to the same page');
        assert.equal(await page.getAttribute('html', 'lang'), 'en', 'page is now in English');

        await tabTo(page, 'Ukrainian link', (f) => f.tag === 'a' && f.hreflang === 'uk');
        await follow(page);
        assert.equal(path(page), ideaPath, 'the language switch returns to the same page');
        assert.equal(await page.getAttribute('html', 'lang'), 'uk', 'page is Ukrainian again');
      } finally {
        await context.close();
      }
    });

    it('landing → tenant home', async () => {
      const context = await newContext(browser, { lang: 'en', viewport });
      try {
        const page = await context.newPage();
        const response = await page.goto('/');
        assert.equal(response.status(), 200);
        assert.equal(path(page), '/', `the landing lists tenants (needs ${SECOND_TENANT.slug}, created by e2e/run)`);

        await tabTo(page, `link to /${DEMO}/`, (f) => f.tag === 'a' && f.href === `/${DEMO}/`);
        await follow(page);
        assert.equal(path(page), `/${DEMO}/`);
        assert.equal(await page.locator('h1').count(), 1);
      } finally {
        await context.close();
      }
    });
  });
}
