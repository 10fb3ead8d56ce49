import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PersonOptions {
  locale?: string;
  viewport?: { width: number; height: number };
}

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

/**
 * A headless Debian Chromium with a fresh profile of its own (cookies,
 * localStorage), so two of them are two different people.
 */
export async function launchBrowser(options: PersonOptions = {}): Promise<TestBrowser> {
  needChromium();
  const profile = mkdtempSync(join(tmpdir(), 'forum-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      locale: options.locale ?? 'ko-KR',
      viewport: options.viewport ?? { width: 1280, height: 900 },
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function needChromium(): void {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath}: install it with \`apt-get install -y chromium\``);
  }
}

/**
 * One headless Chromium shared by a test file's people: each person is a context of their
 * own (cookies, localStorage, IndexedDB apart, as two profiles are), far cheaper than a
 * browser each. Launched with the first person.
 */
export class SharedBrowser {
  private browser: Promise<Browser> | undefined;
  private readonly people = new Set<BrowserContext>();

  /** A fresh context and its page: a new person, who shares nothing with the others. */
  async person(options: PersonOptions = {}): Promise<Page> {
    this.browser ??= (needChromium(), chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs }));
    const context = await (await this.browser).newContext({ locale: options.locale ?? 'ko-KR', viewport: options.viewport ?? { width: 1280, height: 900 } });
    this.people.add(context);
    return context.newPage();
  }

  /** Closes every person opened so far (their sockets go, as when a browser is closed); the browser stays. */
  async closePeople(): Promise<void> {
    const leaving = [...this.people];
    this.people.clear();
    await Promise.all(leaving.map((context) => context.close().catch(() => {})));
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    await (await browser?.catch(() => undefined))?.close();
  }
}
