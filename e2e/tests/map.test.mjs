// Maps (issue 20): the reports page with JavaScript shows the reports as
// markers on a map above the list, and without JavaScript only the list
// (the map container stays hidden); the report form's location picker fills
// the latitude and longitude by a click, and by the keyboard (arrow keys
// move the map, Enter picks its centre). Tiles are never fetched from the
// network: e2e/run points them at this server, and these tests abort any
// other tile request.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO } from '../pages.mjs';
import { launchBrowser, newContext } from '../lib/harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function offline(context) {
  await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
}

describe('map of problem reports', () => {
  it('with JavaScript: markers on the map, the list below', async () => {
    const context = await newContext(browser, { lang: 'en' });
    try {
      await offline(context);
      const page = await context.newPage();
      assert.equal((await page.goto(`/${DEMO}/reports`)).status(), 200);
      const map = page.locator('#reports-map');
      await map.waitFor({ state: 'visible' });
      assert.equal(await map.getAttribute('aria-label'), 'Map of problem reports');
      assert.equal(await map.getAttribute('tabindex'), '0', 'the map takes keyboard focus');
      await page.waitForFunction(() => Number(document.querySelector('#reports-map')?.dataset.count) > 0);
      const markers = page.locator('#reports-map .map-pin, #reports-map .map-cluster');
      await markers.first().waitFor();
      assert.ok((await markers.count()) > 0, 'markers or clusters are shown');
      assert.ok(Number(await map.getAttribute('data-count')) > 0);
      assert.ok((await page.locator('main .report-card').count()) > 0, 'the list stays');
      // A single marker names the report and its status in words.
      await page.evaluate(() => document.querySelector('#reports-map').scrollIntoView());
      await page.keyboard.press('Tab');
      const pin = page.locator('#reports-map .map-pin').first();
      if (await pin.count()) {
        assert.match(await pin.getAttribute('aria-label'), / — /);
      }
    } finally {
      await context.close();
    }
  });

  it('a filter narrows the map as it narrows the list', async () => {
    const context = await newContext(browser, { lang: 'en' });
    try {
      await offline(context);
      const page = await context.newPage();
      await page.goto(`/${DEMO}/reports`);
      await page.waitForFunction(() => Number(document.querySelector('#reports-map')?.dataset.count) > 0);
      const all = Number(await page.locator('#reports-map').getAttribute('data-count'));
      await page.goto(`/${DEMO}/reports?status=rejected`);
      await page.waitForFunction(() => document.querySelector('#reports-map')?.dataset.count !== undefined);
      const rejected = Number(await page.locator('#reports-map').getAttribute('data-count'));
      assert.ok(rejected > 0 && rejected < all, `${rejected} of ${all}`);
      assert.equal(await page.locator('#reports-map .map-pin:not(.map-pin-rejected)').count(), 0, 'only rejected markers');
    } finally {
      await context.close();
    }
  });

  it('without JavaScript: the list, no map', async () => {
    const context = await newContext(browser, { lang: 'uk', javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      assert.equal((await page.goto(`/${DEMO}/reports`)).status(), 200);
      assert.equal(await page.locator('#reports-map').isVisible(), false, 'the map container stays hidden');
      assert.equal(await page.locator('.leaflet-container').count(), 0);
      assert.ok((await page.locator('main .report-card').count()) > 0, 'the reports are listed');
    } finally {
      await context.close();
    }
  });
});

describe('location picker', () => {
  it('a click and the keyboard fill the latitude and longitude', async () => {
    const context = await newContext(browser, { lang: 'en', signIn: true });
    try {
      await offline(context);
      const page = await context.newPage();
      assert.equal((await page.goto(`/${DEMO}/reports/new`)).status(), 200);
      const map = page.locator('#map');
      await map.waitFor({ state: 'visible' });
      assert.equal(await page.locator('#lat').inputValue(), '');
      await map.click({ position: { x: 120, y: 90 } });
      const lat = Number(await page.locator('#lat').inputValue());
      const lon = Number(await page.locator('#lon').inputValue());
      assert.ok(lat > 50.4 && lat < 50.7, `latitude ${lat}`);
      assert.ok(lon > 30.0 && lon < 30.4, `longitude ${lon}`);
      assert.equal(await page.locator('#map .map-pin-picked').count(), 1, 'the point is marked');

      // Keyboard: focus the map, move it, Enter picks the centre.
      await map.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(400);
      await page.keyboard.press('Enter');
      const lon2 = Number(await page.locator('#lon').inputValue());
      assert.ok(Math.abs(lon2 - 30.2128) < 0.05 && lon2 !== lon, `longitude after Enter ${lon2}`);
      assert.equal((await page.getByRole('status').filter({ hasText: 'Point set' }).count()), 1, 'announced');
    } finally {
      await context.close();
    }
  });
});
