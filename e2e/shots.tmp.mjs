import { chromium } from 'playwright-core';
import { createHmac } from 'node:crypto';
const base = 'http://127.0.0.1:8899';
function b32(s) { const a='ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'; let bits=''; for (const c of s.replace(/=+$/,'')) bits += a.indexOf(c).toString(2).padStart(5,'0'); const out=[]; for (let i=0;i+8<=bits.length;i+=8) out.push(parseInt(bits.slice(i,i+8),2)); return Buffer.from(out); }
function totp(secret) { const c = Math.floor(Date.now()/1000/30); const buf = Buffer.alloc(8); buf.writeBigUInt64BE(BigInt(c)); const h = createHmac('sha1', b32(secret)).update(buf).digest(); const o = h[h.length-1] & 15; const n = (h.readUInt32BE(o) & 0x7fffffff) % 1e6; return String(n).padStart(6,'0'); }
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const shots = async (page, name) => { for (const w of [1280, 360]) { await page.setViewportSize({ width: w, height: 900 }); await page.screenshot({ path: `/tmp/shots/${name}-${w}.png`, fullPage: true }); } };
for (const lang of ['uk', 'en']) {
  const ctx = await browser.newContext({ locale: lang });
  await ctx.addCookies([{ name: 'civic_lang', value: lang, url: base }]);
  const page = await ctx.newPage();
  await page.goto(base + '/operator/sign-in'); await shots(page, `op-signin-${lang}`);
  await page.fill('#email', 'ops@example.org'); await page.fill('#password', 'operator passphrase long'); await page.click('button[type=submit]');
  await page.waitForLoadState();
  if (page.url().endsWith('/enrol')) {
    await shots(page, `op-enrol-${lang}`);
    const secret = (await page.textContent('code')).replace(/ /g, '');
    await page.fill('#code', totp(secret)); await page.click('form.form button[type=submit]');
    await page.waitForLoadState(); await shots(page, `op-recovery-${lang}`);
    await page.click('a.button');
  } else {
    await shots(page, `op-code-${lang}`);
    await new Promise(r => setTimeout(r, 31000));
    const secret = process.env.SECRET;
  }
  await page.waitForLoadState();
  await shots(page, `op-console-${lang}`);
  await page.goto(base + '/operator/audit'); await shots(page, `op-audit-${lang}`);
  await page.goto(base + '/demo/open-data'); await shots(page, `opendata-${lang}`);
  await ctx.close();
}
await browser.close();
