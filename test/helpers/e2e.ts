import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { SESSION_COOKIE } from '../../server/http/session';
import { DEMO_PASSWORD, demoAccounts, type DemoAccount } from '../../server/seed/demo';
import { SharedBrowser, type PersonOptions } from './browser';
import { ensureClientBuilt } from './build-client';
import { startTestServer, type TestServer } from './server';

/** How long a person would wait for something to appear. */
export const seenWithin = 15_000;

/** A demo account by email (a typo fails loudly). */
export function demoAccount(email: string): DemoAccount {
  const account = demoAccounts.find((a) => a.email === email);
  if (!account) throw new Error(`no demo account ${email}`);
  return account;
}

/**
 * Puts the text selection on the first occurrence of `text` in an editor (the first
 * `fw-editor` unless `editor` selects another), as a person dragging over it would.
 */
export async function selectText(page: Page, text: string, editor = 'fw-editor'): Promise<void> {
  await page.evaluate(
    ([wanted, host]) => {
      const root = document.querySelector<HTMLElement>(`${host} .ProseMirror`);
      if (!root) throw new Error(`no editor ${host}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted);
        if (at < 0) continue;
        root.focus();
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + wanted.length);
        const selection = document.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`"${wanted}" is not in the editor`);
    },
    [text, editor] as const,
  );
}

/** Waits until the locator is visible (Playwright locators reach into shadow roots). */
export async function see(locator: Locator, timeout = seenWithin): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator.first();
}

export interface Stage {
  server: TestServer;
  /**
   * A new person: a fresh browser context (its own cookies and storage) and its page, on the
   * file's one Chromium. Open one in each test that needs it, so no test leans on a page another left.
   */
  open(options?: PersonOptions): Promise<Page>;
  /** Signs in through the sign-in form, as a person would. */
  signIn(page: Page, email: string, password?: string): Promise<void>;
  /** A new person, signed in, on the home page. */
  signedIn(email: string, options?: PersonOptions): Promise<Page>;
  /** Signs in over HTTP, once per account for the file (each sign-in costs a password hash): its token and id. */
  login(email: string): Promise<{ token: string; userId: string }>;
  /**
   * A new person who already has a session (`login`'s, its cookie given to the browser),
   * opened at `path`: for tests about other screens than sign-in, which need not fill in the form again.
   */
  visit(email: string, path: string, options?: PersonOptions): Promise<Page>;
}

/**
 * One demo server and the built client for a test file, and the browsers its tests
 * open; registers the file's beforeAll/afterAll. Use the stage inside tests. The people a
 * test opens are closed after it, passed or failed, so the next test starts with nobody.
 */
export function useStage(): Stage {
  const browser = new SharedBrowser();
  const logins = new Map<string, Promise<{ token: string; userId: string }>>();
  let server: TestServer | undefined;
  beforeAll(async () => {
    await ensureClientBuilt();
    server = await startTestServer({ demo: true });
  }, 180_000);
  afterEach(() => browser.closePeople());
  afterAll(async () => {
    await browser.close();
    await server?.close();
  });

  const stage: Stage = {
    get server() {
      if (!server) throw new Error('the stage is set up in beforeAll');
      return server;
    },
    open: (options) => browser.person(options),
    async signIn(page, email, password = DEMO_PASSWORD) {
      await page.goto(`${stage.server.url}/`);
      await page.getByLabel('이메일', { exact: true }).fill(email);
      await page.getByLabel('비밀번호', { exact: true }).fill(password);
      await page.getByRole('button', { name: '로그인', exact: true }).click();
    },
    async signedIn(email, options) {
      const page = await stage.open(options);
      await stage.signIn(page, email);
      await see(page.getByRole('heading', { level: 1, name: '산업대전환 포럼' }));
      return page;
    },
    login(email) {
      let login = logins.get(email);
      if (!login) {
        login = stage.server.login(email);
        logins.set(email, login);
        login.catch(() => logins.delete(email)); // a failed sign-in is tried again by the next test
      }
      return login;
    },
    async visit(email, path, options) {
      const [page, { token }] = await Promise.all([stage.open(options), stage.login(email)]);
      await page.context().addCookies([{ name: SESSION_COOKIE, value: token, url: stage.server.url }]);
      await page.goto(`${stage.server.url}${path}`);
      return page;
    },
  };
  return stage;
}
