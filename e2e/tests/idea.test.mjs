// The ideas journey: a resident signs in with the plain form (JavaScript
// off), opens a space, looks for similar ideas, proposes one, supports it
// and comments; an official answers it from the idea page; the resident
// reads the city's answer and the new status, and finds it among their
// notifications. A second part checks that
// with JavaScript on, similar ideas appear while the title is typed.
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

/** The resident e2e/run created (a confirmed citizen of the demo tenant). */
function citizenAccount() {
  const email = process.env.CIVIC_E2E_CITIZEN_EMAIL;
  const password = process.env.CIVIC_E2E_CITIZEN_PASSWORD;
  assert.ok(email && password, 'CIVIC_E2E_CITIZEN_EMAIL / _PASSWORD are set by e2e/run');
  return { email, password };
}

describe('ideas, JavaScript off', () => {
  it('propose, support, comment, get the city\'s answer', async () => {
    const { tenant } = adminAccount();
    const pages = await resolvePageTypes(baseURL());
    const space = pages.find((p) => p.name === 'space').path;
    const resident = await newContext(browser, { lang: 'en', javaScriptEnabled: false });
    const official = await newContext(browser, { lang: 'en', javaScriptEnabled: false, signIn: true });
    try {
      const page = await resident.newPage();
      // Sign in with the form, as a person would.
      await page.goto(`/${tenant}/login`);
      const { email, password } = citizenAccount();
      await page.locator('#email').fill(email);
      await page.locator('#password').fill(password);
      await clickAndLoad(page, page.getByRole('button', { name: 'Sign in' }));

      assert.equal((await page.goto(space)).status(), 200);
      await clickAndLoad(page, page.getByRole('link', { name: 'Propose an idea' }).first());
      const title = `Drinking fountain by the river steps ${Date.now()}`;
      await page.locator('#title').fill(title);
      await page.locator('#body').fill('Summers are hot and the nearest water is far. A **fountain** would help runners and families.');
      // Look for similar ideas first: the form comes back with what was typed.
      await clickAndLoad(page, page.getByRole('button', { name: 'Look for similar ideas' }));
      assert.equal(await page.locator('#title').inputValue(), title);
      assert.match(await page.locator('#similar-ideas').innerText(), /similar ideas|already proposed/i);
      await clickAndLoad(page, page.getByRole('button', { name: 'Publish the idea' }));
      assert.equal((await page.locator('h1').innerText()).trim(), title);
      assert.equal(await page.locator('main strong', { hasText: 'fountain' }).count(), 1, 'Markdown is rendered');

      await clickAndLoad(page, page.getByRole('button', { name: 'Support this idea' }));
      assert.match(await page.locator('#support').innerText(), /You support this idea\./);
      await page.locator('#comment-body').fill('I would use it every morning.');
      await clickAndLoad(page, page.getByRole('button', { name: 'Comment', exact: true }));
      assert.match(await page.locator('main').innerText(), /I would use it every morning\./);
      const ideaPath = new URL(page.url()).pathname;

      // The official answers from the same page.
      const staff = await official.newPage();
      assert.equal((await staff.goto(ideaPath)).status(), 200);
      await staff.locator('#answer-status').selectOption({ label: 'Under review' });
      await staff.locator('#answer-text').fill('Thank you. The parks department will check the water pipes there by June.');
      await clickAndLoad(staff, staff.getByRole('button', { name: 'Publish the answer' }));

      // The resident reads it.
      await page.reload();
      const answer = await page.locator('section.answer').innerText();
      assert.match(answer, /The parks department will check the water pipes there by June\./);
      assert.match(await page.locator('main').innerText(), /Under review/);

      // And was told: the header counts it as unread, the notifications
      // page names the idea and its new status, and opening it leads back.
      assert.match(await page.locator('.notifications-link').innerText(), /\(\d+\+? unread\)/);
      await clickAndLoad(page, page.locator('.notifications-link'));
      const told = page.locator('main li', { hasText: title }).filter({ hasText: 'is now: Under review' });
      assert.equal(await told.count(), 1, 'the status change is listed');
      await clickAndLoad(page, told.getByRole('link'));
      assert.equal(new URL(page.url()).pathname, ideaPath);
    } finally {
      await resident.close();
      await official.close();
    }
  });
});

describe('ideas, JavaScript on', () => {
  it('suggests similar ideas while the title is typed', async () => {
    const pages = await resolvePageTypes(baseURL());
    const space = pages.find((p) => p.name === 'space').path;
    const context = await newContext(browser, { lang: 'uk', signIn: true });
    try {
      const page = await context.newPage();
      // A telling word of an idea already in the space.
      assert.equal((await page.goto(space)).status(), 200);
      const existing = (await page.locator('.idea-card h3 a').first().innerText()).trim();
      const word = existing.split(/\s+/).find((w) => w.length >= 5);
      assert.ok(word, `a long word in "${existing}"`);
      assert.equal((await page.goto(`${space}/ideas/new`)).status(), 200);
      await page.locator('#title').pressSequentially(word, { delay: 20 });
      const list = page.locator('#similar-ideas .similar-list li');
      await list.first().waitFor({ timeout: 10000 });
      assert.ok((await list.count()) >= 1, `an idea like "${word}" is suggested`);
      assert.match(await list.first().locator('a').getAttribute('href'), /\/ideas\/\d+$/);
    } finally {
      await context.close();
    }
  });
});
