/**
 * Real Chromium for browser tests: Debian's /usr/bin/chromium driven by playwright-core (never a
 * downloaded browser), a fresh profile per browser, JavaScript on or off. While a page is open the
 * harness watches everything the browser does and reports, as problems:
 * - any request to a host other than the Redress under test (the request is also blocked),
 * - console errors (Content-Security-Policy violations arrive this way) and uncaught page errors,
 * - a failed or erroring sub-resource (a missing stylesheet, a 500).
 * `checkPage` runs on every page visited: axe-core, the CSP header, the scripting mode, a
 * phone-width reflow check, and optional screenshots (REDRESS_SCREENSHOTS=folder).
 *
 * JavaScript off is Chromium's script execution switched off through the DevTools protocol (what
 * Playwright's `javaScriptEnabled: false` does), lifted only while axe-core runs: with scripts
 * off Chromium runs no timers, and axe needs them. The page's own scripts were skipped when it
 * was parsed and stay skipped; `(scripting: none)` is checked on every page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Locator, type Page, type Response } from 'playwright-core';
import { axeViolations, describeViolations } from './browserAxe.ts';

export const chromiumPath = '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const phone = { width: 360, height: 740 };
export const desktop = { width: 1280, height: 800 };

export type TestBrowser = {
  page: Page;
  javaScript: boolean;
  /** Opens a URL (absolute, or a path on the server) and answers the document's status. */
  goto(url: string): Promise<number>;
  /** Clicks a submit button or link and waits for the next document; answers its status. */
  follow(target: Locator): Promise<number>;
  /** axe-core, CSP, scripting mode, phone layout and collected problems, for the page shown now. */
  checkPage(label: string): Promise<void>;
  /** Problems noticed since the last call (and forgets them). */
  takeProblems(): string[];
  /** Pages that were shown but never checked; must stay empty. */
  uncheckedPages(): string[];
  close(): Promise<void>;
};

export async function openBrowser(options: { serverUrl: string; javaScript: boolean }): Promise<TestBrowser> {
  if (!fs.existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium`);
  const serverOrigin = new URL(options.serverUrl).origin;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'redress-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      args: chromiumArgs,
      headless: true,
      viewport: desktop,
      locale: 'en-GB',
      // Script execution is switched off below through the DevTools protocol instead, so that
      // it can be lifted for the moment axe-core runs (Chromium stops timers with scripts off).
      javaScriptEnabled: true,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const devtools = await context.newCDPSession(page);
    if (!options.javaScript) await setScripting(devtools, false);
    return await watch({ context, page, devtools, serverOrigin, profile, javaScript: options.javaScript });
  } catch (error) {
    await context?.close();
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The outermost elements that stick out past the right edge of the screen, named like CSS
 * selectors. Data tables are exempt, as WCAG 1.4.10 (Reflow) exempts content that needs two
 * dimensions; everything else must reflow.
 */
function tooWide(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const name = (element: Element) => `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${[...element.classList].map((c) => `.${c}`).join('')}`;
    const wide = [...document.body.querySelectorAll('*')].filter(
      (element) => !element.closest('table') && element.getBoundingClientRect().right > window.innerWidth + 0.5,
    );
    const outermost = wide.filter((element) => !wide.includes(element.parentElement as Element));
    return outermost.slice(0, 5).map((element) => `${element.parentElement ? `${name(element.parentElement)} > ` : ''}${name(element)}`);
  });
}

function setScripting(devtools: CDPSession, enabled: boolean): Promise<unknown> {
  return devtools.send('Emulation.setScriptExecutionDisabled', { value: !enabled });
}

type Watched = { context: BrowserContext; page: Page; devtools: CDPSession; serverOrigin: string; profile: string; javaScript: boolean };

async function watch({ context, page, devtools, serverOrigin, profile, javaScript }: Watched): Promise<TestBrowser> {
  let problems: string[] = [];
  const unchecked: string[] = [];
  let shownUnchecked: string | undefined;
  let lastDocument: Response | undefined;
  const isDocument = (response: Response) => response.request().isNavigationRequest() && response.frame() === page.mainFrame();
  const isFinalDocument = (response: Response) => isDocument(response) && !(response.status() >= 300 && response.status() < 400);
  const fromServer = (url: string) => new URL(url).origin === serverOrigin;
  const isNetwork = (url: string) => /^(https?|wss?|ftp):/.test(url);

  // Reported below and also stopped here, so a test run never talks to the outside world.
  await context.route(
    (url) => isNetwork(url.href) && url.origin !== serverOrigin,
    (route) => route.abort('blockedbyclient'),
  );
  context.on('request', (request) => {
    if (isNetwork(request.url()) && !fromServer(request.url())) problems.push(`request to another host: ${request.method()} ${request.url()}`);
  });
  context.on('requestfailed', (request) => {
    if (fromServer(request.url())) problems.push(`request failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`);
  });
  page.on('response', (response) => {
    if (isFinalDocument(response)) lastDocument = response;
    const tolerated = isDocument(response) && response.status() < 500;
    if (response.status() >= 400 && !tolerated) problems.push(`${response.status()} for ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // A 4xx document (a form shown again with errors, the not-found page) is expected by the
    // test that asked for it; Chromium still logs it as a failed load.
    const failedLoad = message.text().startsWith('Failed to load resource');
    if (failedLoad && lastDocument && message.location().url === lastDocument.url() && lastDocument.status() < 500) return;
    problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught error in the page: ${error.message}`));
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    if (shownUnchecked && shownUnchecked !== 'about:blank') unchecked.push(shownUnchecked);
    shownUnchecked = frame.url();
  });

  const screenshots = process.env.REDRESS_SCREENSHOTS;
  let shot = 0;

  async function checkPage(label: string): Promise<void> {
    const where = `${label} (${page.url()}, JavaScript ${javaScript ? 'on' : 'off'})`;
    if (!lastDocument || lastDocument.url() !== page.url()) throw new Error(`no document response recorded for ${where}`);
    const policy = lastDocument.headers()['content-security-policy'] ?? '';
    if (!/default-src 'none'/.test(policy) || /unsafe-inline|unsafe-eval/.test(policy)) {
      throw new Error(`${where} is not served with the strict Content-Security-Policy: "${policy}"`);
    }
    const scripting = await page.evaluate(() => (matchMedia('(scripting: none)').matches ? 'none' : 'enabled'));
    if (scripting !== (javaScript ? 'enabled' : 'none')) throw new Error(`${where} reports scripting: ${scripting}`);

    if (!javaScript) await setScripting(devtools, true);
    try {
      const violations = await axeViolations(page);
      if (violations.length > 0) throw new Error(describeViolations(where, violations));
    } finally {
      if (!javaScript) await setScripting(devtools, false);
    }

    await page.setViewportSize(phone);
    try {
      const sticking = await tooWide(page);
      if (sticking.length > 0) throw new Error(`${where} does not fit a ${phone.width}px phone screen; too wide: ${sticking.join(', ')}`);
      if (screenshots) await saveScreenshots(label, 'phone');
    } finally {
      await page.setViewportSize(desktop);
    }
    if (screenshots) await saveScreenshots(label, 'desktop');

    const found = takeProblems();
    if (found.length > 0) throw new Error(`problems on ${where}:\n${found.map((line) => `- ${line}`).join('\n')}`);
    shownUnchecked = undefined;
  }

  async function saveScreenshots(label: string, size: 'phone' | 'desktop'): Promise<void> {
    if (!screenshots) return;
    fs.mkdirSync(screenshots, { recursive: true });
    shot += 1;
    // Several browsers may write into one folder: each names its files with its profile's suffix.
    const name = `${path.basename(profile).slice(-6)}-${String(shot).padStart(2, '0')}-${label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${javaScript ? 'js' : 'nojs'}-${size}.png`;
    await page.screenshot({ path: path.join(screenshots, name), fullPage: true });
  }

  function takeProblems(): string[] {
    const found = problems;
    problems = [];
    return found;
  }

  return {
    page,
    javaScript,
    async goto(url) {
      const response = await page.goto(new URL(url, serverOrigin).href);
      if (!response) throw new Error(`no response for ${url}`);
      return response.status();
    },
    async follow(target) {
      const [response] = await Promise.all([page.waitForResponse(isFinalDocument), page.waitForEvent('load'), target.click()]);
      return response.status();
    },
    checkPage,
    takeProblems,
    uncheckedPages: () => [...unchecked, ...(shownUnchecked && shownUnchecked !== 'about:blank' ? [shownUnchecked] : [])],
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
