// The participatory-budget journey with JavaScript off: a signed-in
// resident (the e2e administrator) opens the demo budget that is voting,
// is refused a ballot with too many projects (the error summary names the
// rule and the boxes stay ticked), votes for two, sees their ballot,
// cancels it; then reads last year's results, where every project says
// whether it won and why not.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { baseURL, launchBrowser, newContext, clickAndLoad } from '../lib/harness.mjs';
import { resolvePageTypes } from '../pages.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

describe('participatory budget, JavaScript off', () => {
  it('vote, see the ballot, cancel it, read the results', async () => {
    const pages = await resolvePageTypes(baseURL());
    const budget = pages.find((p) => p.name === 'participatory budget (voting)').path;
    const results = pages.find((p) => p.name === 'budget results').path;
    const context = await newContext(browser, { lang: 'en', javaScriptEnabled: false, signIn: true });
    try {
      const page = await context.newPage();
      assert.equal((await page.goto(budget)).status(), 200);
      const boxes = page.locator('#ballot input[type="checkbox"]');
      assert.ok((await boxes.count()) >= 4, 'the projects on the ballot are boxes');
      for (let i = 0; i < 4; i += 1) await boxes.nth(i).check();
      await clickAndLoad(page, page.getByRole('button', { name: 'Vote', exact: true }));
      assert.match(await page.locator('.error-summary').innerText(), /Choose fewer projects/);
      assert.equal(await page.locator('#ballot input[type="checkbox"]:checked').count(), 4, 'the choices are kept');

      await page.locator('#ballot input[type="checkbox"]').nth(2).uncheck();
      await page.locator('#ballot input[type="checkbox"]').nth(3).uncheck();
      await clickAndLoad(page, page.getByRole('button', { name: 'Vote', exact: true }));
      assert.equal((await page.getByRole('status').innerText()).trim(), 'Your vote is counted. Thank you!');
      assert.equal(await page.locator('#my-ballot li').count(), 2, 'the ballot lists the two projects');

      await clickAndLoad(page, page.getByRole('button', { name: 'Cancel my vote' }));
      assert.match((await page.getByRole('status').innerText()).trim(), /Your vote is cancelled/);
      assert.ok((await page.locator('#ballot input[type="checkbox"]').count()) >= 4, 'the ballot is offered again');

      assert.equal((await page.goto(results)).status(), 200);
      const table = page.getByRole('table', { name: 'Every project on the ballot, funded first' });
      const rows = table.locator('tbody tr');
      assert.ok((await rows.count()) >= 4);
      assert.match(await rows.nth(0).innerText(), /Funded/);
      assert.match(await page.locator('main').innerText(), /Where votes are equal, the cheaper project goes first/);
    } finally {
      await context.close();
    }
  });
});
