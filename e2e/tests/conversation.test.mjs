// The conversation journey with JavaScript off: a signed-in resident (the
// e2e administrator) opens the demo conversation from its space, votes on
// every statement with the plain form buttons until none is left, adds a
// statement of their own, and reads the results page, whose opinion map is
// an SVG with a text alternative and a table beside it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAccount, baseURL, launchBrowser, newContext, clickAndLoad } from '../lib/harness.mjs';
import { resolvePageTypes } from '../pages.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('conversation, JavaScript off', () => {
  it('vote through every statement, add one, read the results', async () => {
    const { tenant } = adminAccount();
    const pages = await resolvePageTypes(baseURL());
    const conversation = pages.find((p) => p.name === 'conversation').path;
    const context = await newContext(browser, { lang: 'en', javaScriptEnabled: false, signIn: true });
    try {
      const page = await context.newPage();
      assert.equal((await page.goto(conversation)).status(), 200);
      const votes = ['Agree', 'Disagree', 'Pass / not sure'];
      let voted = 0;
      for (;;) {
        const buttons = page.locator('form.vote-form button[type="submit"]');
        if ((await buttons.count()) === 0) break;
        const statement = (await page.locator('.statement-text').innerText()).trim();
        const choice = page.getByRole('button', { name: votes[voted % 3], exact: true });
        await clickAndLoad(page, choice);
        voted += 1;
        assert.ok(voted <= 50, 'the statements run out');
        assert.notEqual(
          (await page.locator('.statement-text').count()) ? (await page.locator('.statement-text').innerText()).trim() : '',
          statement,
          'the next statement is another one',
        );
      }
      assert.ok(voted >= 10, `voted on ${voted} statements`);
      assert.match(await page.locator('main').innerText(), /You have voted on every statement/);

      // Add a statement of one's own.
      await page.locator('#body').fill('A covered stage for the winter market');
      await clickAndLoad(page, page.getByRole('button', { name: 'Add the statement' }));
      assert.equal((await page.getByRole('status').innerText()).trim(), 'Your statement is published. Others can now vote on it.');
      assert.equal((await page.locator('.statement-text').innerText()).trim(), 'A covered stage for the winter market');

      // The results page.
      await clickAndLoad(page, page.getByRole('link', { name: 'See where people agree and differ' }));
      assert.equal(await page.locator('h1').innerText(), 'Opinion groups');
      const map = page.locator('figure.opinion-map svg[role="img"]');
      assert.equal(await map.count(), 1, 'the map is an SVG image');
      assert.ok((await map.locator('title').textContent()).trim().length > 0, 'with a title');
      assert.ok((await map.locator('circle').count()) > 40, 'a dot per participant');
      const groups = page.getByRole('table', { name: 'Groups and their sizes' });
      assert.ok((await groups.locator('tbody tr').count()) >= 2, 'the groups are in the table');
      assert.ok((await page.locator('#consensus-heading + h3 + ul li').count()) >= 1, 'a consensus statement');
      assert.ok(tenant.length > 0);
    } finally {
      await context.close();
    }
  });
});
