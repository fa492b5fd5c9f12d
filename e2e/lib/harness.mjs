// Shared helpers: the server under test, the browser, contexts, axe-core.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

/** The server e2e/run started (CIVIC_E2E_BASE_URL), e.g. http://127.0.0.1:40123 */
export function baseURL() {
  const url = process.env.CIVIC_E2E_BASE_URL;
  if (!url) {
    throw new Error(
      'CIVIC_E2E_BASE_URL is not set: run the suite through e2e/run, or start ' +
        '`civicspace serve` yourself and export CIVIC_E2E_BASE_URL=http://127.0.0.1:PORT',
    );
  }
  return url.replace(/\/$/, '');
}

export const CHROMIUM = process.env.CIVIC_E2E_CHROMIUM || '/usr/bin/chromium';

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const DESKTOP = { width: 1280, height: 900 };
export const NARROW = { width: 320, height: 640 };

/**
 * A fresh context in one language. `lang` is set the way a visitor's choice
 * is kept (the civic_lang cookie) and as the browser language. `signIn: true`
 * signs the e2e administrator in within the context (see signInAsAdmin).
 */
export async function newContext(browser, { lang, colorScheme = 'light', contrast = 'no-preference', viewport = DESKTOP, javaScriptEnabled = true, bypassCSP = false, signIn = false } = {}) {
  const context = await browser.newContext({
    baseURL: baseURL(),
    viewport,
    colorScheme,
    contrast,
    javaScriptEnabled,
    bypassCSP,
    locale: lang === 'uk' ? 'uk-UA' : 'en-GB',
    reducedMotion: 'reduce',
  });
  if (lang) {
    await context.addCookies([{ name: 'civic_lang', value: lang, url: baseURL() }]);
  }
  if (signIn) {
    try {
      await signInAsAdmin(context);
    } catch (e) {
      await context.close();
      throw e;
    }
  }
  return context;
}

// --- signing in ------------------------------------------------------------------
//
// e2e/run creates a confirmed administrator of the demo tenant and passes its
// credentials in CIVIC_E2E_ADMIN_EMAIL / CIVIC_E2E_ADMIN_PASSWORD. The server
// rate-limits sign-ins (per address, and per account after failures), so a
// test process signs in once and later contexts reuse that session's cookie.

/** The administrator e2e/run created: { tenant, email, password }. */
export function adminAccount() {
  const email = process.env.CIVIC_E2E_ADMIN_EMAIL;
  const password = process.env.CIVIC_E2E_ADMIN_PASSWORD;
  if (!email || !password) {
    throw new Error(
      'CIVIC_E2E_ADMIN_EMAIL / CIVIC_E2E_ADMIN_PASSWORD are not set: run the suite through e2e/run, or create an ' +
        'administrator yourself (civicspace user create --tenant demo --role admin --password-stdin) and export them',
    );
  }
  return { tenant: process.env.CIVIC_E2E_ADMIN_TENANT || 'demo', email, password };
}

/**
 * Signs the administrator in within `context` with one plain form POST
 * through the context's request API (it shares the context's cookies, so no
 * JavaScript is needed in the page). Always opens a new session.
 */
export async function signInWithRequest(context) {
  const { tenant, email, password } = adminAccount();
  const response = await context.request.post(`/${tenant}/login`, {
    form: { email, password },
    maxRedirects: 0,
  });
  if (response.status() !== 303) {
    const body = (await response.text()).replace(/\s+/g, ' ').slice(0, 300);
    throw new Error(`sign-in of ${email} at /${tenant}/login answered ${response.status()}, not 303: ${body}`);
  }
  const cookies = (await context.cookies(baseURL())).filter((c) => c.name !== 'civic_lang');
  if (cookies.length === 0) {
    throw new Error(`sign-in of ${email} at /${tenant}/login set no session cookie`);
  }
  return cookies;
}

let adminCookies = null;

/**
 * The administrator's session in `context`: the first call in a test process
 * signs in (signInWithRequest), later calls copy that session's cookie.
 */
export async function signInAsAdmin(context) {
  if (!adminCookies) {
    adminCookies = signInWithRequest(context).catch((e) => {
      adminCookies = null;
      throw e;
    });
    await adminCookies;
    return;
  }
  await context.addCookies(await adminCookies);
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core on the page (or only on the elements matching `include`, a
 * CSS selector); returns its violations.
 */
export async function axeViolations(page, include = null) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const results = await page.evaluate(
    ([tags, include]) =>
      window.axe.run(include ? { include: [[include]] } : document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    [AXE_TAGS, include],
  );
  return results.violations;
}

/** Violations as text a person can act on. */
export function formatViolations(violations, where) {
  const lines = [`${violations.length} axe-core violation(s) on ${where}:`];
  for (const v of violations) {
    lines.push(`  [${v.id}] (${v.impact}) ${v.help} — ${v.helpUrl}`);
    for (const node of v.nodes) {
      lines.push(`    element: ${node.target.join(' ')}`);
      lines.push(`      html: ${node.html.replace(/\s+/g, ' ').slice(0, 300)}`);
      if (node.failureSummary) {
        lines.push(`      ${node.failureSummary.replace(/\n\s*/g, '\n      ')}`);
      }
    }
  }
  return lines.join('\n');
}

/**
 * Horizontal overflow at the current viewport: the page's scroll width and
 * the elements whose right edge passes the viewport (to name the culprit).
 */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const culprits = [];
    if (scrollWidth > width) {
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 0.5 && r.width > 0) {
          const id = el.id ? `#${el.id}` : '';
          const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
          culprits.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(r.right)}px): ${el.outerHTML.slice(0, 120).replace(/\s+/g, ' ')}`);
          if (culprits.length >= 8) break;
        }
      }
    }
    return { width, scrollWidth, culprits };
  });
}

/** Describes document.activeElement for keyboard checks. */
export async function focusedInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) {
      return { tag: el ? el.tagName.toLowerCase() : null, none: true };
    }
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow && cs.boxShadow !== 'none';
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id || null,
      className: typeof el.className === 'string' ? el.className : '',
      href: el.getAttribute('href'),
      hreflang: el.getAttribute('hreflang'),
      text: (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60),
      rect: { x: r.x, y: r.y, width: r.width, height: r.height },
      inViewport: r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth,
      indicator: outline || shadow,
      outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
      boxShadow: cs.boxShadow,
    };
  });
}

export function describeFocus(f) {
  if (f.none) return `<${f.tag}> (nothing focused)`;
  return `<${f.tag}${f.id ? ` id="${f.id}"` : ''}${f.href ? ` href="${f.href}"` : ''}> "${f.text}"`;
}

/** Clicks a link or button and waits for the page it loads (JavaScript off: a full navigation). */
export async function clickAndLoad(page, locator) {
  const loaded = page.waitForEvent('load');
  await locator.click();
  await loaded;
}
