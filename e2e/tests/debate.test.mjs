// A debate from its question to the city's conclusion, JavaScript off, as
// the e2e administrator (an official who also takes part): set up a
// debate, add an argument on each side (an empty one is refused with the
// error summary), mark the other side's argument convincing, state a
// stance and change it, then conclude citing one argument; the concluded
// page shows the conclusion with the argument it took into account and
// offers no more argument forms. A fresh debate, so the demo's stay as the
// other suites expect them.
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

describe('debate, JavaScript off', () => {
  it('question, arguments, convincing, stance, conclusion', async () => {
    const pages = await resolvePageTypes(baseURL());
    const form = pages.find((p) => p.name === 'start a debate').path;
    const context = await newContext(browser, { lang: 'en', javaScriptEnabled: false, signIn: true });
    try {
      const page = await context.newPage();
      assert.equal((await page.goto(form)).status(), 200);
      await page.getByLabel('Question').fill('Should the market square be closed to cars on Sundays?');
      await clickAndLoad(page, page.getByRole('button', { name: 'Start the debate' }));
      assert.equal((await page.getByRole('status').innerText()).trim(), 'The debate was set up.');
      assert.equal(await page.locator('h1').innerText(), 'Should the market square be closed to cars on Sundays?');

      // An empty argument is refused, named in the error summary.
      await clickAndLoad(page, page.locator('#argue-for').getByRole('button', { name: 'Add the argument' }));
      assert.equal(await page.locator('.error-summary').count(), 1, 'the refusal is summarised');
      await page.locator('#body-for').fill('Families could walk and children play safely.');
      await clickAndLoad(page, page.locator('#argue-for').getByRole('button', { name: 'Add the argument' }));
      assert.equal((await page.getByRole('status').innerText()).trim(), 'Your argument was added.');
      await page.locator('#body-against').fill('Shops on the square need deliveries on Sunday mornings.');
      await clickAndLoad(page, page.locator('#argue-against').getByRole('button', { name: 'Add the argument' }));
      assert.match(await page.locator('.debate-side-against').innerText(), /deliveries on Sunday mornings/);

      await page.locator('#stance').getByLabel('Against', { exact: true }).check();
      await clickAndLoad(page, page.getByRole('button', { name: 'Save my stance' }));
      assert.match((await page.getByRole('status').innerText()).trim(), /Your stance was saved/);
      await page.locator('#stance').getByLabel('For', { exact: true }).check();
      await clickAndLoad(page, page.getByRole('button', { name: 'Save my stance' }));
      assert.ok(await page.locator('#stance-for').isChecked(), 'the changed stance is kept');

      // Conclude, citing the argument against.
      await page.getByLabel('Conclusion').fill('The square closes on Sundays from 11:00, after the morning deliveries.');
      await page.locator('#arguments-cited').getByLabel(/deliveries on Sunday mornings/).check();
      await clickAndLoad(page, page.getByRole('button', { name: 'Conclude the debate' }));
      assert.match((await page.getByRole('status').innerText()).trim(), /The debate is concluded/);
      const main = await page.locator('main').innerText();
      assert.match(main, /The square closes on Sundays from 11:00/);
      assert.match(main, /Arguments taken into account/);
      assert.equal(await page.locator('#argue-for, #argue-against').count(), 0, 'no argument forms once concluded');
    } finally {
      await context.close();
    }
  });
});
