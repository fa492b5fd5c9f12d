import { chromium } from 'playwright-core';
const [,, email, path, out, width, lang, full] = process.argv;
const base = 'http://127.0.0.1:8711';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const ctx = await b.newContext({ viewport: { width: +width, height: 900 } });
await ctx.addCookies([{ name: 'civic_lang', value: lang, url: base }]);
const p = await ctx.newPage();
if (email !== '-') {
await p.goto(base + '/demo/login');
await p.fill('input[name=email]', email);
await p.fill('input[name=password]', 'PASSWORD1234567');
await p.click('main form button[type=submit]');
}
await p.goto(base + path);
await p.screenshot({ path: out, fullPage: full === 'full' });
await b.close();
