// axe-core (WCAG 2.0/2.1/2.2 A and AA) on every page type of pages.mjs, in
// both languages, light / dark / high contrast, at 1280 px and at 320 px
// (where the page must also reflow without horizontal scrolling), and once
// more with the skip link focused (it is only visible then).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LANGUAGES, PAGE_TYPES, pageType } from '../pages.mjs';
import {
  DESKTOP,
  NARROW,
  axeViolations,
  baseURL,
  formatViolations,
  horizontalOverflow,
  launchBrowser,
  newContext,
} from '../lib/harness.mjs';

const VARIANTS = [
  { name: 'light 1280px', colorScheme: 'light', viewport: DESKTOP },
  { name: 'dark 1280px', colorScheme: 'dark', viewport: DESKTOP },
  { name: 'light 320px', colorScheme: 'light', viewport: NARROW },
  { name: 'dark 320px', colorScheme: 'dark', viewport: NARROW },
  { name: 'high contrast 1280px', colorScheme: 'light', contrast: 'more', viewport: DESKTOP },
];

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const type of PAGE_TYPES) {
  describe(`axe: ${type.name}`, () => {
    for (const lang of LANGUAGES) {
      for (const variant of VARIANTS) {
        it(`${lang}, ${variant.name}`, async () => {
          const entry = await pageType(baseURL(), type.name);
          // bypassCSP: axe is injected as an inline script, which our CSP forbids.
          const context = await newContext(browser, { lang, ...variant, bypassCSP: true, signIn: entry.signIn });
          try {
            const page = await context.newPage();
            const response = await page.goto(entry.path);
            assert.equal(response.status(), entry.status, `status of ${entry.path}`);
            assert.equal(await page.getAttribute('html', 'lang'), lang, `<html lang> of ${entry.path}`);
            const where = `${type.name} ${entry.path} (${lang}, ${variant.name})`;
            // A map with reports checks once its markers are in place.
            await page.waitForFunction(() => {
              const map = document.querySelector('[data-pins]');
              return !map || map.hidden || !map.hasAttribute('data-loading');
            }, null, { timeout: 15000 });

            const problems = [];
            const violations = await axeViolations(page);
            if (violations.length > 0) {
              const text = formatViolations(violations, where);
              console.log(text);
              problems.push(text);
            }
            // The skip link is off-screen until focused: check it (contrast,
            // target size) once it shows.
            await page.keyboard.press('Tab');
            const skipViolations = await axeViolations(page, 'a[href="#main"]');
            if (skipViolations.length > 0) {
              const text = formatViolations(skipViolations, `${where}, skip link focused`);
              console.log(text);
              problems.push(text);
            }
            if (variant.viewport.width === NARROW.width) {
              const o = await horizontalOverflow(page);
              if (o.scrollWidth > NARROW.width) {
                const text = `horizontal scrolling on ${where}: scrollWidth ${o.scrollWidth}px > ${NARROW.width}px\n    ${o.culprits.join('\n    ')}`;
                console.log(text);
                problems.push(text);
              }
            }
            assert.deepEqual(problems, [], problems.join('\n'));
          } finally {
            await context.close();
          }
        });
      }
    }
  });
}
