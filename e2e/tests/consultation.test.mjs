// The consultation journey with JavaScript off, as the e2e administrator
// (a clerk who is also a resident): publish a short document for comments,
// propose an amendment to one article (refused first when nothing changed,
// the text kept), comment, answer the amendment "accepted in part" with the
// final wording, close the consultation with the city's conclusion and read
// the public report with the change marked. A fresh consultation, so the
// demo's stay as the other suites expect them.
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

const DOCUMENT = [
  'Article 1. Purpose',
  'Quiet streets for everyone.',
  '',
  'Article 2. Night hours',
  'Loud music is not allowed from 23:00 to 7:00.',
].join('\n');

describe('consultation, JavaScript off', () => {
  it('publish, amend, comment, answer, close and read the report', async () => {
    const pages = await resolvePageTypes(baseURL());
    const form = pages.find((p) => p.name === 'publish a document for consultation').path;
    const context = await newContext(browser, { lang: 'en', javaScriptEnabled: false, signIn: true });
    try {
      const page = await context.newPage();
      assert.equal((await page.goto(form)).status(), 200);
      await page.getByLabel('Title').fill('Rules of quiet hours');
      await page.getByLabel('Text of the document').fill(DOCUMENT);
      await clickAndLoad(page, page.getByRole('button', { name: 'Publish the document' }));
      assert.equal((await page.getByRole('status').innerText()).trim(), 'The document is published.');
      assert.equal(await page.locator('.doc-section').count(), 2, 'each article is a section');

      await clickAndLoad(page, page.getByRole('link', { name: /Comment and propose amendments Article 2/ }));
      assert.equal(await page.locator('h1').innerText(), 'Article 2. Night hours');
      // The form starts from the section's text: sent unchanged, it is refused.
      await clickAndLoad(page, page.getByRole('button', { name: 'Propose the amendment' }));
      assert.match(await page.locator('.error-summary').innerText(), /same as the section/);
      await page.getByLabel('The section as you would write it').fill('Loud music is not allowed from 22:00 to 7:00.');
      await clickAndLoad(page, page.getByRole('button', { name: 'Propose the amendment' }));
      assert.match((await page.getByRole('status').innerText()).trim(), /Your amendment is proposed/);
      assert.match(await page.locator('.amendment ins').first().innerText(), /22/);
      assert.match(await page.locator('.amendment del').first().innerText(), /23/);

      await page.getByLabel('Your comment on the section').fill('Neighbours with babies would welcome this.');
      await clickAndLoad(page, page.getByRole('button', { name: 'Comment', exact: true }));
      assert.equal((await page.getByRole('status').innerText()).trim(), 'Your comment is published.');

      // The city answers: accepted in part, with the final wording.
      await page.locator('.staff-answer summary').first().click();
      await page.getByLabel('Accepted in part').check();
      await page.getByLabel('Reason (everyone will see it)').fill('Quiet from 22:30 balances families and cafés.');
      await page.getByLabel('Final wording of the section', { exact: true }).first().fill('Loud music is not allowed from 22:30 to 7:00.');
      await clickAndLoad(page, page.getByRole('button', { name: 'Publish the answer' }));
      assert.equal((await page.getByRole('status').innerText()).trim(), 'The answer to the amendment is published.');
      assert.match(await page.locator('.amendment').first().innerText(), /Accepted in part/);

      // Close with the city's conclusion; the report is public.
      await clickAndLoad(page, page.getByRole('link', { name: 'Rules of quiet hours' }));
      await page.getByLabel('Step', { exact: true }).selectOption('closed');
      await page.getByLabel('The city\'s conclusion').fill('Quiet hours start at 22:30 from next month.');
      await clickAndLoad(page, page.getByRole('button', { name: 'Save the step and dates' }));
      assert.equal((await page.getByRole('status').innerText()).trim(), 'The consultation\'s step is saved.');
      await clickAndLoad(page, page.getByRole('link', { name: 'Report on the results' }));
      const report = await page.locator('main').innerText();
      assert.match(report, /Quiet hours start at 22:30/);
      assert.match(report, /Accepted in part/);
      // The final wording, with the changed words marked.
      assert.match(await page.locator('.diff ins').first().innerText(), /22/);
    } finally {
      await context.close();
    }
  });
});
