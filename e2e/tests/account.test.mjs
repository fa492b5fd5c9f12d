// The account journey with JavaScript off: the administrator (created by
// e2e/run) signs in through the form, opens the account page from the
// header, signs out everywhere else, sees the confirmation, and opens the
// people administration from the header.
//
// "Everywhere else" ends every other session of the administrator, so this
// file must not run at the same time as another file that is signed in as
// that account (e2e/run passes --test-concurrency=1; every file signs in
// afresh in its own process).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminAccount, launchBrowser, newContext, signInWithRequest, clickAndLoad } from '../lib/harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const path = (page) => new URL(page.url()).pathname;

/** Clicks; resolves when the next document has loaded. */
describe('account, JavaScript off', () => {
  it('sign in with the form → account → sign out everywhere else → people', async () => {
    const { tenant, email, password } = adminAccount();
    // Another device of the same administrator, to be signed out.
    const other = await newContext(browser, { lang: 'en', javaScriptEnabled: false });
    const context = await newContext(browser, { lang: 'en', javaScriptEnabled: false });
    try {
      await signInWithRequest(other);
      const otherBefore = await other.request.get(`/${tenant}/account`, { maxRedirects: 0 });
      assert.equal(otherBefore.status(), 200, 'the other device is signed in');

      // Sign in through the form.
      const page = await context.newPage();
      const form = await page.goto(`/${tenant}/login`);
      assert.equal(form.status(), 200);
      await page.locator('#email').fill(email);
      await page.locator('#password').fill(password);
      await clickAndLoad(page, page.locator(`main form[action="/${tenant}/login"] button[type="submit"]`));
      assert.equal(path(page), `/${tenant}/`, 'signing in leads to the tenant home');
      const accountLink = page.locator(`header a[href="/${tenant}/account"]`);
      assert.equal(await accountLink.count(), 1, 'the header links to the account');

      // The account page, from the header.
      await clickAndLoad(page, accountLink);
      assert.equal(path(page), `/${tenant}/account`);
      assert.equal(await page.locator('h1').innerText(), 'My account');
      assert.ok(
        (await page.locator('#sessions-title + p + ul > li').count()) >= 2,
        'the sessions list shows this device and the other one',
      );
      assert.equal(await page.getByRole('status').count(), 0, 'no notice before the action');

      // Sign out everywhere else (the form button).
      const endOthers = page.locator(`form[action="/${tenant}/account/sessions/end-others"] button[type="submit"]`);
      assert.equal((await endOthers.innerText()).trim(), 'Sign out everywhere else');
      await clickAndLoad(page, endOthers);
      assert.equal(path(page), `/${tenant}/account`, 'back on the account page');
      const status = page.getByRole('status');
      assert.equal(await status.count(), 1, 'one status notice');
      assert.equal((await status.innerText()).trim(), 'You were signed out everywhere else, and your access tokens are revoked.');
      assert.equal(await page.locator('#sessions-title + p + ul > li').count(), 1, 'only this device is left');

      const otherAfter = await other.request.get(`/${tenant}/account`, { maxRedirects: 0 });
      assert.equal(otherAfter.status(), 401, 'the other device is signed out');

      // People administration: the header leads to the admin home, its tabs to people.
      await clickAndLoad(page, page.locator(`header a[href="/${tenant}/admin"]`));
      assert.equal(path(page), `/${tenant}/admin`);
      assert.equal(await page.locator('h1').innerText(), 'Administration');
      // The people page sits in the admin navigation's "people and records"
      // menu (a details element): open it, then follow the link.
      const people = page.locator(`nav.admin-nav a[href="/${tenant}/admin/people"]`);
      await page.locator(`nav.admin-nav details:has(a[href="/${tenant}/admin/people"]) > summary`).click();
      await clickAndLoad(page, people);
      assert.equal(path(page), `/${tenant}/admin/people`);
      assert.equal(await page.locator('h1').innerText(), 'People and roles');
      const table = page.getByRole('table', { name: 'People and roles' });
      assert.equal(await table.count(), 1, 'the people table');
      assert.deepEqual(
        (await table.locator('thead th').allInnerTexts()).map((t) => t.trim()),
        ['Name others will see', 'E-mail address', 'Role'],
      );
      const row = table.locator('tbody tr').filter({ hasText: email });
      assert.equal(await row.count(), 1, `a row for ${email}`);
      assert.equal(await row.getByRole('combobox').inputValue(), 'admin', 'shown as an administrator');
    } finally {
      await context.close();
      await other.close();
    }
  });
});
