import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml, pdfText, textsOf, unzip, zipEntries } from '../helpers/exports';
import { see, useStage } from '../helpers/e2e';
import { callApi, type TestServer } from '../helpers/server';

/**
 * The record leaves the app, in Chromium: ministry staff approve the minutes of a meeting
 * where a vote adopted a proposal, download them in the four formats, incorporate two
 * adopted proposals into the strategy from its progress view, and download the strategy in
 * the four formats. Every file is opened: its Korean text must be there. The meeting itself
 * (start, check-in, vote, end) runs over Socket.IO, as the meeting tests cover its screens.
 */
const stage = useStage();
let server: TestServer;
const sockets: Socket[] = [];
const title = '제7차 산업대전환 포럼 위원장 회의';
const decision = '국가 산업인재은행을 전략에 반영한다';

async function connect(email: string): Promise<{ socket: Socket; token: string; userId: string }> {
  const { token, userId } = await server.login(email);
  const socket = io(server.url, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, token, userId };
}

async function must(socket: Socket, event: string, payload: unknown): Promise<unknown> {
  const answer = (await socket.timeout(15_000).emitWithAck(event, payload)) as { ok: boolean; error?: { message: string } };
  if (!answer.ok) throw new Error(`${event}: ${answer.error?.message}`);
  return answer;
}

async function api(token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A meeting with a vote that adopts 국가 산업인재은행, a decision in its minutes, ended. */
async function runMeeting(): Promise<string> {
  const ministry = await connect('ministry@forum.demo');
  const { meeting } = (await api(ministry.token, 'POST', '/api/meetings', {
    title,
    startsAt: new Date().toISOString(),
    place: '정부세종청사 산업통상자원부 대회의실',
    agenda: [{ title: '국가 산업인재은행', proposalId: 'talent-bank' }],
  })) as { meeting: { id: string; agenda: { id: string }[] } };
  await must(ministry.socket, 'meeting:join', { meetingId: meeting.id });
  await must(ministry.socket, 'meeting:start', { meetingId: meeting.id });
  const chairs = await Promise.all(['chair.investment@forum.demo', 'chair.workforce@forum.demo'].map(connect));
  for (const c of chairs) {
    await must(c.socket, 'meeting:join', { meetingId: meeting.id });
    await must(c.socket, 'meeting:checkIn', { meetingId: meeting.id });
  }
  const { poll } = (await api(ministry.token, 'POST', `/api/meetings/${meeting.id}/polls`, {
    title: '국가 산업인재은행 채택',
    agendaItemId: meeting.agenda[0]!.id,
    proposalId: 'talent-bank',
    quorum: 0,
  })) as { poll: { id: string } };
  await must(ministry.socket, 'poll:open', { pollId: poll.id });
  for (const c of chairs) await must(c.socket, 'poll:cast', { pollId: poll.id, choices: ['yes'] });
  await must(ministry.socket, 'poll:close', { pollId: poll.id });
  await must(ministry.socket, 'meeting:end', { meetingId: meeting.id });
  return meeting.id;
}

/** Clicks an export button and answers the downloaded file and its name. */
async function download(page: Page, scope: string, label: string): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator(scope).getByRole('button', { name: label, exact: true }).click()]);
  const saved = await (file as Download).path();
  return { name: (file as Download).suggestedFilename(), body: readFileSync(saved) };
}

/** With RECORD_SCREENSHOTS=1, the PDF's first page as a PNG in docs/screenshots (pdftoppm), for the README. */
function screenshot(pdf: Buffer, name: string): void {
  if (process.env.RECORD_SCREENSHOTS !== '1') return;
  const dir = mkdtempSync(join(tmpdir(), 'forum-shot-'));
  try {
    writeFileSync(join(dir, 'page.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', join(dir, 'page.pdf'), join(dir, 'page')]);
    renameSync(join(dir, 'page.png'), join(process.cwd(), 'docs/screenshots', name));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The four formats, each opened, each holding every wanted text. */
async function checkAll(page: Page, scope: string, wanted: string[], namePattern: RegExp, shot: string): Promise<void> {
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const pdf = await download(page, scope, 'PDF');
  screenshot(pdf.body, shot);
  expect(pdf.name).toMatch(new RegExp(`${namePattern.source}\\.pdf$`));
  const pdfWords = squeeze(pdfText(pdf.body));
  for (const w of wanted) expect(pdfWords).toContain(squeeze(w));

  const docx = await download(page, scope, 'Word (DOCX)');
  expect(docx.name).toMatch(/\.docx$/);
  const documentXml = parseXml(unzip(docx.body)['word/document.xml']!, 'word/document.xml');
  const docxText = textsOf(documentXml, 't').join('');
  for (const w of wanted) expect(docxText).toContain(w);

  const hwpx = await download(page, scope, '한글 (HWPX)');
  expect(hwpx.name).toMatch(/\.hwpx$/);
  expect(zipEntries(hwpx.body)[0]).toMatchObject({ name: 'mimetype', method: 0 });
  const section = parseXml(unzip(hwpx.body)['Contents/section0.xml']!, 'section0.xml');
  const hwpxText = textsOf(section, 't').join('\n');
  for (const w of wanted) expect(hwpxText).toContain(w);

  const md = await download(page, scope, 'Markdown');
  expect(md.name).toMatch(/\.md$/);
  for (const w of wanted) expect(md.body.toString('utf8')).toContain(w);
}

describe('the record, from a meeting to the strategy', () => {
  let meetingId = '';
  /**
   * Each step in a browser context of its own: a step that fails leaves no page behind for the
   * next. Ministry staff agree to every confirmation (approving, incorporating, restoring).
   */
  const ministryPage = async () => {
    const page = await stage.signedIn('ministry@forum.demo', { viewport: { width: 1440, height: 1000 } });
    page.on('dialog', (d) => void d.accept());
    return page;
  };

  /**
   * Both adopted proposals in the strategy, 국가 산업인재은행 first: the progress view's step puts
   * them there; a later step that needs them incorporates over the API whichever is not yet in,
   * so it does not fail with that step. (The strategy is the forum's one document.)
   */
  const bothIncorporated = async () => {
    const { token } = await stage.login('ministry@forum.demo');
    for (const id of ['talent-bank', 'mother-factory']) {
      const { proposal } = await callApi<{ proposal: { status: string } }>(server, token, 'GET', `/api/proposals/${id}`);
      if (proposal.status === 'adopted') await callApi(server, token, 'POST', `/api/proposals/${id}/incorporate`, {});
    }
  };

  beforeAll(async () => {
    server = stage.server;
    meetingId = await runMeeting();
  }, 120_000);
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  it('ministry staff approve the minutes and download them in four formats, with the hash of the approved text', async () => {
    const page = await ministryPage();
    await page.goto(`${server.url}/meetings/${meetingId}`);
    await see(page.getByRole('heading', { level: 1, name: title }));
    // The minute-taker's decision, typed into the minutes.
    const prose = page.locator('fw-editor[slot="minutes"] .fw-prose');
    await prose.waitFor();
    await page.waitForFunction(() => document.querySelector('fw-editor[slot="minutes"] .fw-prose')?.getAttribute('aria-readonly') === 'false', undefined, { timeout: 15_000 });
    await prose.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(decision);
    await see(prose.getByText(decision));
    await page.waitForTimeout(0);
    await page.locator('fw-minutes-panel').getByRole('button', { name: '회람하기' }).click();
    await see(page.locator('fw-minutes-panel').getByRole('button', { name: '확정하기' }));
    await page.locator('fw-minutes-panel').getByRole('button', { name: '확정하기' }).click();
    await see(page.locator('fw-minutes-panel .hash'));
    const hash = (await page.locator('fw-minutes-panel .hash').textContent())!.trim();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    await checkAll(page, 'fw-minutes-panel', [`${title} 회의록`, '박성호 (투자 분과위원장)', '표결 결과: 국가 산업인재은행 채택 — 가결', decision, hash], new RegExp(`${title} 회의록_\\d{4}-\\d\\d-\\d\\d`), 'minutes-pdf.png');
  });

  it('incorporates two adopted proposals from the progress view, and the proposal page links forward', async () => {
    const page = await ministryPage();
    await page.getByRole('link', { name: '전략', exact: true }).click();
    await see(page.getByRole('heading', { level: 1, name: '산업대전환 전략' }));
    await page.getByRole('tab', { name: '진행 현황' }).click();
    for (const proposal of ['국가 산업인재은행', '마더 팩토리 프로젝트 (AI 공급망)']) {
      const row = page.locator('ul.pending li', { hasText: proposal });
      await row.getByRole('button', { name: '전략에 반영' }).click();
      await see(page.getByText(`‘${proposal}’을(를) 전략에 반영했습니다.`));
    }
    await see(page.getByText('반영을 기다리는 채택 제안이 없습니다.'));
    await page.getByRole('tab', { name: '전략 문서' }).click();
    const blocks = page.locator('fw-editor .fw-prose section.fw-incorporation');
    await see(blocks.filter({ hasText: '출처: 제안 «국가 산업인재은행»' }));
    await see(blocks.filter({ hasText: '마더 팩토리' }));
    expect(await blocks.count()).toBe(2);
    await see(page.locator('#proposal-talent-bank'));
  });

  it('downloads the strategy in four formats with its chapters and the incorporated proposals', async () => {
    await bothIncorporated();
    const page = await ministryPage();
    await page.goto(`${server.url}/strategy`);
    await see(page.locator('fw-editor .fw-prose section.fw-incorporation').filter({ hasText: '마더 팩토리' }));
    await checkAll(page, 'fw-strategy-page', ['산업대전환 전략', '2. 인력 분과', '출처: 제안', '국가 산업인재은행', '은퇴 전문가 재고용 및 멘토링', '마더 팩토리'], /산업대전환 전략_\d{4}-\d\d-\d\d/, 'strategy-pdf.png');
    await page.goto(`${server.url}/proposals/talent-bank`);
    await page.getByRole('link', { name: '전략 문서에서 보기' }).click();
    await see(page.locator('#proposal-talent-bank'));
    expect(new URL(page.url()).hash).toBe('#proposal-talent-bank');
  });

  it("keeps the strategy's versions as proposals do: one per incorporation, viewed, compared with the text and restored as a new edit", async () => {
    await bothIncorporated();
    const page = await ministryPage();
    await page.goto(`${server.url}/strategy`);
    const blocks = page.locator('fw-editor .fw-prose section.fw-incorporation');
    await see(blocks.filter({ hasText: '마더 팩토리' }));
    await page.locator('fw-strategy-page aside').getByRole('tab', { name: '버전' }).click();
    const panel = page.locator('fw-versions-panel');
    await panel.getByRole('button', { name: '보기: 전략 반영: 국가 산업인재은행' }).click();
    const dialog = panel.locator('dialog');
    await see(dialog.locator('[data-version-content]').getByText('은퇴 전문가 재고용 및 멘토링'));
    expect(await dialog.locator('[data-version-content] section.fw-incorporation').count()).toBe(1);
    await dialog.getByRole('button', { name: '변경 사항' }).click();
    await see(dialog.locator('.change.added', { hasText: '마더 팩토리' }).first());
    // Comparing read the live text with the strategy's own schema: its blocks are all still there.
    expect(await blocks.count()).toBe(2);
    await dialog.getByRole('button', { name: '복원', exact: true }).click();
    await dialog.getByRole('button', { name: '복원하기' }).click();
    await see(panel.getByText('‘전략 반영: 국가 산업인재은행’ 버전으로 복원했습니다.'));
    await expect.poll(() => blocks.count(), { timeout: 15_000 }).toBe(1);
    await see(blocks.filter({ hasText: '국가 산업인재은행' }));
    await see(panel.getByRole('button', { name: '보기: 복원 전: 전략 반영: 국가 산업인재은행' }));
  });
});
