import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { minimumBytes } from '../../server/http/encodings';
import { FIRST_MEETING_TITLE } from '../../server/seed/demo-meetings';
import { see, useStage } from '../helpers/e2e';
import { isScript, isStatic, recordTransfers, untilAssetsSettle, type Transfer, type TransferLog } from '../helpers/transfers';

/**
 * What a meeting room costs to open, counted from the bytes Chromium received:
 * the first visit within the size budget, in brotli, without code the person's role
 * never runs; the second visit fetches only the page itself (a 304), scripts and
 * styles from the cache. Sizes, not timings: they do not depend on the machine.
 */
// Issue 19's goal: under 250 kB. English strings (catalogues and refusals) load only for English
// readers, and the poll form only when someone opens it (bench/README.md, "Web delivery").
const budgetBytes = 250_000;

const stage = useStage();
let meetingPath = '';

beforeAll(async () => {
  const { token } = await stage.server.login('ministry@forum.demo');
  const res = await fetch(`${stage.server.url}/api/meetings`, { headers: { authorization: `Bearer ${token}` } });
  const { meetings } = (await res.json()) as { meetings: { id: string; title: string }[] };
  const meeting = meetings.find((m) => m.title === FIRST_MEETING_TITLE);
  if (!meeting) throw new Error('the demo meeting is missing');
  meetingPath = `/meetings/${meeting.id}`;
});

/** A fresh browser (empty cache) already holding the person's session cookie, recording its network. */
async function signedInBrowser(email: string): Promise<{ page: Page; log: TransferLog }> {
  const page = await stage.open();
  const { cookie } = await stage.server.login(email);
  const [name, ...value] = cookie.split('=');
  await page.context().addCookies([{ name: name!, value: value.join('='), url: stage.server.url }]);
  return { page, log: await recordTransfers(page) };
}

/** Opens the meeting room and waits until its live minutes editor is there and nothing more is loading. */
async function openRoom(page: Page, log: TransferLog): Promise<void> {
  await page.goto(`${stage.server.url}${meetingPath}`);
  await see(page.getByRole('heading', { level: 1, name: FIRST_MEETING_TITLE }));
  await see(page.locator('fw-editor[slot="minutes"] .ProseMirror'));
  await untilAssetsSettle(log);
}

const scripts = (log: TransferLog): Transfer[] => log.transfers.filter((t) => isStatic(t) && isScript(t));
const total = (transfers: Transfer[]) => transfers.reduce((sum, t) => sum + t.transferred, 0);
const fileName = (t: Transfer) => new URL(t.url).pathname.split('/').pop()!;

describe('the meeting room’s first visit', () => {
  for (const email of ['chair.investment@forum.demo', 'observer@forum.demo', 'ministry@forum.demo']) {
    it(`stays under ${budgetBytes / 1000} kB of JavaScript, brotli-compressed, for ${email}`, async () => {
      const { page, log } = await signedInBrowser(email);
      await openRoom(page, log);
      const loaded = scripts(log);
      expect(loaded.length).toBeGreaterThan(0);
      // Files too small to be worth compressing (see precompressDir) travel as they are; headers count in `transferred`.
      expect(loaded.filter((t) => t.contentEncoding !== 'br' && t.transferred > minimumBytes + 1024).map(fileName)).toEqual([]);
      // On failure, name each file and its bytes: a runtime import of shared/schemas (zod) is the usual culprit.
      expect(total(loaded), loaded.map((t) => `${fileName(t)} ${t.transferred}`).join(', ')).toBeLessThan(budgetBytes);
      // The projector is another view; the meeting and poll forms load when someone opens them; Korean readers get no English.
      expect(loaded.map(fileName).filter((name) => /^(meeting-projector-page|meeting-form|poll-form|en-pack)-/.test(name))).toEqual([]);
      await log.stop();
    });
  }
});

describe('an English reader', () => {
  it('gets the English strings as a chunk of their own, before the room is shown, and the room in English', async () => {
    const { page, log } = await signedInBrowser('chair.investment@forum.demo');
    await page.addInitScript(() => localStorage.setItem('fw.locale', 'en'));
    await openRoom(page, log);
    expect(scripts(log).map(fileName).filter((name) => name.startsWith('en-pack-'))).toHaveLength(1);
    await see(page.getByRole('heading', { level: 2, name: 'Agenda' }));
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await log.stop();
  });
});

describe('the second visit', () => {
  it('downloads only the page itself, revalidated (304); scripts and styles come from the cache', async () => {
    const { page, log } = await signedInBrowser('chair.investment@forum.demo');
    await openRoom(page, log);
    const firstScripts = scripts(log).length;

    await page.goto('about:blank');
    log.clear();
    await openRoom(page, log);
    const statics = log.transfers.filter(isStatic);
    const overNetwork = statics.filter((t) => t.transferred > 0);
    expect(overNetwork.map((t) => `${t.type} ${t.status}`)).toEqual(['Document 304']);
    expect(overNetwork[0]!.transferred).toBeLessThan(1000);
    // the same scripts ran, from the cache
    expect(scripts(log).length).toBe(firstScripts);
    expect(scripts(log).every((t) => t.fromCache)).toBe(true);
    await log.stop();
  });
});
