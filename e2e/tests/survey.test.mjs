// The survey journey with JavaScript off: staff (the e2e administrator)
// build a three-page survey in the demo's poll space with every kind of
// question and a condition, preview it and publish it; then they answer it
// as a resident, page by page: an error on page 1 is listed at the top,
// progress is kept on the server, and the results count the response.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { baseURL, launchBrowser, newContext } from '../lib/harness.mjs';
import { resolvePageTypes } from '../pages.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function clickAndLoad(page, locator) {
  const loaded = page.waitForEvent('load');
  await locator.click();
  await loaded;
}

/** Fills question slot n of the builder. */
async function slot(page, n, { text, kind, page: pageNo, options, rows, required, other, fields = {} }) {
  await page.locator(`#q${n}-text`).fill(text);
  await page.locator(`#q${n}-kind`).selectOption(kind);
  if (pageNo) await page.locator(`#q${n}-page`).fill(String(pageNo));
  if (options) await page.locator(`#q${n}-options`).fill(options.join('\n'));
  if (rows) await page.locator(`#q${n}-rows`).fill(rows.join('\n'));
  if (required) await page.locator(`#q${n}-required`).check();
  if (other) await page.locator(`#q${n}-other`).check();
  if (Object.keys(fields).length > 0) await page.locator(`#q${n} details summary`).click();
  for (const [field, value] of Object.entries(fields)) await page.locator(`#q${n}-${field}`).fill(value);
}

describe('survey, JavaScript off', () => {
  it('staff build a survey with every kind and a condition; it is answered page by page', async () => {
    const pages = await resolvePageTypes(baseURL());
    const newPoll = pages.find((p) => p.name === 'new poll').path;
    const context = await newContext(browser, { lang: 'en', javaScriptEnabled: false, signIn: true });
    try {
      const page = await context.newPage();
      assert.equal((await page.goto(newPoll)).status(), 200);
      await page.locator('#title').fill('Winter in the park');
      await page.locator('#intro').fill('Three short pages.');
      // Five slots to start with; ask for more.
      await clickAndLoad(page, page.getByRole('button', { name: 'Add more questions' }));
      assert.equal(await page.locator('#q9-text').count(), 1);
      assert.equal(await page.locator('#title').inputValue(), 'Winter in the park', 'kept');
      await slot(page, 1, { text: 'Do you visit in winter?', kind: 'single_choice', options: ['Yes', 'No'], required: true });
      await slot(page, 2, { text: 'Why not?', kind: 'multiple_choice', options: ['Cold', 'Dark', 'Slippery'], other: true, fields: { 'max-sel': '2' } });
      await page.locator('#q2-if-question').fill('1');
      await page.locator('#q2-if-negate').selectOption('is');
      await page.locator('#q2-if-option').fill('No');
      await slot(page, 3, { text: 'How many visits a month?', kind: 'number', required: true, fields: { min: '0', max: '31' } });
      await slot(page, 4, { text: 'Rate the paths', kind: 'scale', page: 2, fields: { 'scale-min': '1', 'scale-max': '5', 'min-label': 'poor', 'max-label': 'great' } });
      await slot(page, 5, { text: 'Rate these', kind: 'matrix', page: 2, options: ['Bad', 'Good'], rows: ['Lighting', 'Snow clearing'], required: true });
      await slot(page, 6, { text: 'What first?', kind: 'ranking', page: 2, options: ['Lights', 'Benches', 'Cafe'] });
      await slot(page, 7, { text: 'When will you come next?', kind: 'date', page: 3, fields: { 'min-date': '2020-01-01' } });
      await slot(page, 8, { text: 'One word for the park', kind: 'short_text', page: 3 });
      await slot(page, 9, { text: 'Anything else?', kind: 'long_text', page: 3 });
      await clickAndLoad(page, page.getByRole('button', { name: 'Save', exact: true }));
      assert.equal((await page.getByRole('status').first().innerText()).trim(), 'Saved.');
      const edit = new URL(page.url()).pathname;
      const poll = edit.replace(/\/edit$/, '');

      // The preview: page 1 of 3, as residents will see it.
      await clickAndLoad(page, page.getByRole('link', { name: 'Preview' }));
      assert.match(await page.locator('main').innerText(), /Page 1 of 3/);
      assert.equal(await page.locator('#q2-other').count(), 1, '"Other (please specify)" is offered');
      await page.goto(edit);
      await clickAndLoad(page, page.getByRole('button', { name: 'Publish' }));
      assert.equal(new URL(page.url()).pathname, poll);

      // Page 1: a number out of range is refused and listed at the top.
      await page.locator('#q1-1').check();
      await page.locator('#q2-0').check();
      await page.locator('#q3').fill('40');
      await clickAndLoad(page, page.getByRole('button', { name: 'Next' }));
      const summary = page.locator('[data-error-summary]');
      assert.equal(await summary.count(), 1);
      assert.equal(await summary.locator('a[href="#q3"]').count(), 1);
      assert.ok(await page.locator('#q1-1').isChecked(), 'answers kept');
      await page.locator('#q3').fill('4');
      await clickAndLoad(page, page.getByRole('button', { name: 'Next' }));
      assert.match(await page.locator('main').innerText(), /Page 2 of 3/);
      assert.equal(await page.locator('progress[max="3"][value="2"]').count(), 1);

      // Page 2, then leave: progress is kept on the server.
      await page.locator('#q4-3').check();
      await page.locator('#q5-m0-1').check();
      await page.locator('#q5-m1-0').check();
      await page.locator('#q6-r0').selectOption('1');
      await page.locator('#q6-r1').selectOption('3');
      await page.locator('#q6-r2').selectOption('2');
      await clickAndLoad(page, page.getByRole('button', { name: 'Next' }));
      await page.goto(poll);
      assert.match(await page.locator('main').innerText(), /Page 3 of 3/, 'resumes where it was left');
      await page.locator('#q7').fill('2030-01-15');
      await page.locator('#q8').fill('snowy');
      await clickAndLoad(page, page.getByRole('button', { name: 'Send my answers' }));
      assert.match(await page.getByRole('status').first().innerText(), /Thank you/);

      // The results count the response: the matrix as a heat table.
      await page.goto(`${poll}/results`);
      const text = await page.locator('main').innerText();
      assert.match(text, /1 response/);
      assert.equal(await page.locator('table.heat').count(), 1);
    } finally {
      await context.close();
    }
  });
});
