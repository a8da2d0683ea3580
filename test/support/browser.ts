/**
 * Tests that look at a page as a person would: Debian's headless `chromium` driven by playwright-core (a dev
 * dependency; no browser is downloaded, `executablePath` points at the system's). A missing chromium skips the file
 * loudly on a developer's machine and fails in CI (test/support/tools.ts `requireTool`); `.ci/run` installs it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium as playwright, Browser, Page } from 'playwright-core';
import { findExecutable, requireTool } from './tools';

/** The Chromium binary: `$CHROMIUM`, else `chromium` / `chromium-browser` on PATH, else Debian's /usr/bin/chromium. */
export const chromiumBinary: string | undefined = process.env.CHROMIUM
  ?? findExecutable('chromium')
  ?? findExecutable('chromium-browser')
  ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Call at the top of a test file (outside `test`): true when the browser tests should run. */
export function requireChromium(): boolean {
  return requireTool('chromium', chromiumBinary !== undefined,
    'the browser tests open the generated HTML/SVG in headless Chromium (Debian package `chromium`, or set CHROMIUM to its path)');
}

/** Where screenshots go: `test-reports/` at the repository root (kept out of git, collected by CI). */
export const REPORTS = path.join(__dirname, '..', '..', 'test-reports');

let browser: Browser | undefined;

/** One browser per test file; `closeBrowser` in `afterAll`. */
export async function launchBrowser(): Promise<Browser> {
  if (!browser) {
    browser = await playwright.launch({
      executablePath: chromiumBinary,
      headless: true,
      // Chromium refuses its sandbox as root (containers, CI).
      args: ['--disable-gpu', '--disable-dev-shm-usage', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    });
  }
  return browser;
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/**
 * Open a local HTML (or SVG) file, run `fn` on the page, and save a full-page screenshot as
 * `test-reports/<screenshot>.png` (also when `fn` throws, so a failure can be looked at).
 */
export async function withPage<T>(
  file: string, screenshot: string, fn: (page: Page) => Promise<T>, viewport = { width: 1600, height: 1200 },
): Promise<T> {
  const b = await launchBrowser();
  const context = await b.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  try {
    await page.goto(`file://${path.resolve(file)}`, { waitUntil: 'load' });
    try {
      return await fn(page);
    } finally {
      fs.mkdirSync(REPORTS, { recursive: true });
      await page.screenshot({ path: path.join(REPORTS, `${screenshot}.png`), fullPage: true });
    }
  } finally {
    await context.close();
  }
}

/** A box on the page, in CSS px. */
export interface Box { readonly x: number; readonly y: number; readonly width: number; readonly height: number }

/** Whether two boxes overlap (share area). */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
