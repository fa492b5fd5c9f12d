import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:8899';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const shots = async (page, name) => { for (const w of [1280, 360]) { await page.setViewportSize({ width: w, height: 900 }); await page.screenshot({ path: `/tmp/shots/${name}-${w}.png`, fullPage: true }); } };
for (const lang of ['uk', 'en']) {
  const ctx = await browser.newContext({ locale: lang });
  await ctx.addCookies([{ name: 'civic_lang', value: lang, url: base }]);
  const page = await ctx.newPage();
  await page.goto(base + '/demo/login');
  await page.fill('#email', 'shots@demo.example.org'); await page.fill('#password', 'a long shots passphrase');
  await page.click('main button[type=submit]'); await page.waitForLoadState();
  for (const [p, n] of [['/demo/admin', 'admin-home'], ['/demo/admin/settings', 'admin-settings'], ['/demo/moderation', 'moderation'], ['/demo/admin/moderation', 'moderation-settings']]) {
    await page.goto(base + p); await shots(page, `${n}-${lang}`);
  }
  await ctx.close();
}
await browser.close();
