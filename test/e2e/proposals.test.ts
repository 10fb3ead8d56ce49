import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDocument, demoProposals } from '../../server/seed/demo-proposals';
import { commentOn } from '../helpers/comments';
import { demoAccount, see, selectText, useStage } from '../helpers/e2e';
import { draftProposal } from '../helpers/proposals';
import type { TestServer } from '../helpers/server';

/**
 * Proposals as people meet them in Chromium: the Investment chair and ministry staff
 * co-edit the demo draft "경쟁국 이상의 투자 인센티브 보장" live (Korean included), see
 * each other's carets and comments, save and restore a version; an observer reads
 * along but cannot edit. Each later test starts from a draft of its own with the demo
 * draft's text, made over the API with what the earlier ones typed (the chair's sentence,
 * the comment on it). Every wait is on a condition, never a fixed sleep.
 */
const stage = useStage();
let server: TestServer;
beforeAll(() => {
  server = stage.server;
});

const chair = demoAccount('chair.investment@forum.demo');
const ministry = demoAccount('ministry@forum.demo');
const observer = demoAccount('observer@forum.demo');

const draftId = 'investment-incentives';
const timeout = 15_000;

/** What the chair types into the draft in the first test, after "Benchmark: …". */
const chairSentence = '국가투자지주회사 설립';
const chairAddition = `${chairSentence} (chair)`;
/** The chair's comment on that sentence. */
const lawComment = '설립 근거 법률을 명시해 주세요.';

/**
 * A new draft of the chair's subcommittee holding the demo draft's text (not titled with its
 * search word, so the list keeps one match), with the chair's sentence typed in and with
 * `commented`, the chair's comment on it. Answers its id.
 */
async function draftLikeTheDemo(title: string, { typed = false, commented = false } = {}): Promise<string> {
  const demo = demoProposals.find((p) => p.id === draftId)!;
  const paragraphs = demo.text.paragraphs.map((p) => (typed && p.startsWith('Benchmark') ? `${p} ${chairAddition}` : p));
  const { token, userId } = await stage.login(chair.email);
  const id = await draftProposal(server, token, title, demoDocument(title, { ...demo.text, paragraphs }));
  if (commented) await commentOn(server, `proposal:${id}`, chairSentence, { author: { id: userId, name: chair.name }, body: lawComment });
  return id;
}

/** Someone already signed in opens a proposal from the address bar; waits for its text to load. */
async function openProposal(email: string, id: string): Promise<{ page: Page; editor: Locator }> {
  const page = await stage.visit(email, `/proposals/${id}`);
  const editor = page.locator('fw-editor .ProseMirror');
  await editor.waitFor({ timeout });
  await page.waitForFunction(() => !document.querySelector('.fw-editor__loading'), null, { timeout });
  return { page, editor };
}

/** The document's text, without other people's caret labels (they sit inside the text). */
const editorText = (page: Page) =>
  page.evaluate(() => {
    const copy = document.querySelector('fw-editor .ProseMirror')!.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return copy.textContent ?? '';
  });

async function waitForText(page: Page, text: string, present = true): Promise<void> {
  try {
    await page.waitForFunction(
      ([wanted, expected]) => {
        const copy = document.querySelector('fw-editor .ProseMirror')?.cloneNode(true) as HTMLElement | undefined;
        copy?.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
        return (copy?.textContent ?? '').includes(wanted) === expected;
      },
      [text, present] as const,
      { timeout },
    );
  } catch (error) {
    throw new Error(`expected the text ${present ? '' : 'not '}to contain "${text}"; it is "${await editorText(page)}"`, { cause: error });
  }
}

/** Types Korean the way an IME does: syllables composed jamo by jamo, then committed (Chromium's own IME events). */
async function composeKorean(page: Page, steps: string[]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  for (const step of steps) await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
  await cdp.send('Input.insertText', { text: steps.at(-1)! });
  await cdp.detach();
}

/** Puts the caret at the end of the paragraph or list item whose text starts with `start`. */
async function caretAtEndOf(page: Page, start: string): Promise<void> {
  await page.evaluate((wanted) => {
    const root = document.querySelector<HTMLElement>('fw-editor .ProseMirror')!;
    const block = [...root.querySelectorAll('p')].find((p) => (p.textContent ?? '').startsWith(wanted));
    if (!block) throw new Error(`no paragraph starts with "${wanted}"`);
    root.focus();
    const range = document.createRange();
    range.selectNodeContents(block);
    range.collapse(false);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  }, start);
}

describe('co-editing a draft', () => {
  /** Both writers on the same proposal, its text loaded for each. */
  const bothWriters = () => Promise.all([openProposal(chair.email, draftId), openProposal(ministry.email, draftId)]);

  it('lets two writers type at once, Korean included, and shows each the other’s text and caret', async () => {
    const [{ page: chairPage, editor: chairEditor }, { page: ministryPage, editor: ministryEditor }] = await bothWriters();
    await see(chairPage.getByRole('heading', { level: 1, name: '경쟁국 이상의 투자 인센티브 보장' }));
    expect(await chairEditor.getAttribute('contenteditable')).toBe('true');
    expect(await ministryEditor.getAttribute('contenteditable')).toBe('true');
    await see(chairPage.locator('fw-connection-badge[status="connected"]'));

    // Each puts the caret at the end of a different paragraph, then both type at the same time.
    await caretAtEndOf(chairPage, 'Benchmark');
    await caretAtEndOf(ministryPage, '대규모 투자');
    await Promise.all([
      (async () => {
        await chairPage.keyboard.insertText(` ${chairSentence}`);
        await chairPage.keyboard.type(' (chair)');
      })(),
      (async () => {
        await ministryPage.keyboard.type(' Ministry note');
        await ministryPage.keyboard.insertText(' 산업부 검토 의견');
      })(),
    ]);

    // Composed with an IME, as a Korean keyboard does.
    await composeKorean(ministryPage, ['ㅎ', '하', '한', '한ㄱ', '한그', '한글']);

    for (const page of [chairPage, ministryPage]) {
      await waitForText(page, chairAddition);
      await waitForText(page, 'Ministry note 산업부 검토 의견한글');
    }
    expect(await editorText(chairPage)).toEqual(await editorText(ministryPage));

    // The other's caret, labelled with their name.
    await see(chairPage.locator('.collaboration-carets__label', { hasText: ministry.name }));
    await see(ministryPage.locator('.collaboration-carets__label', { hasText: chair.name }));
  });

  it('shows in the toolbar what is active at the caret, as it moves and as marks toggle', async () => {
    const { page: chairPage } = await openProposal(chair.email, await draftLikeTheDemo('경쟁국 이상의 투자 지원 보장 (서식)'));
    const bold = chairPage.getByRole('toolbar', { name: '서식 도구' }).getByRole('button', { name: '굵게' });
    await caretAtEndOf(chairPage, 'Benchmark');
    expect(await bold.getAttribute('aria-pressed')).toBe('false');
    await chairPage.keyboard.press('Control+b');
    await chairPage.waitForFunction((el) => el?.getAttribute('aria-pressed') === 'true', await bold.elementHandle());
    await chairPage.keyboard.insertText(' 강조');
    await chairPage.keyboard.press('Control+b');
    await chairPage.waitForFunction((el) => el?.getAttribute('aria-pressed') === 'false', await bold.elementHandle());
  });

  it('shows a comment made by one writer to the other, with its reply', async () => {
    const id = await draftLikeTheDemo('경쟁국 이상의 투자 지원 보장 (의견)', { typed: true });
    const [{ page: chairPage }, { page: ministryPage }] = await Promise.all([openProposal(chair.email, id), openProposal(ministry.email, id)]);
    await selectText(chairPage, chairSentence);
    const add = chairPage.getByRole('button', { name: '의견 추가' });
    await expect.poll(() => add.isEnabled(), { timeout }).toBe(true);
    await add.click();
    await chairPage.getByLabel('의견 내용').fill(lawComment);
    await chairPage.getByRole('button', { name: '등록', exact: true }).click();

    // The ministry sees the thread beside the text, quoting the range, and the range highlighted.
    const thread = await see(ministryPage.getByRole('article', { name: `${chair.name}: ${lawComment}` }));
    await see(thread.getByRole('button', { name: chairSentence }));
    await see(ministryPage.locator('fw-editor .fw-comment', { hasText: chairSentence }));

    await thread.getByRole('button', { name: '답글', exact: true }).click();
    await ministryPage.getByLabel('답글 내용').fill('산업부에서 초안을 보내겠습니다.');
    await ministryPage.getByRole('button', { name: '답글 등록' }).click();
    await see(chairPage.getByText('산업부에서 초안을 보내겠습니다.'));
  });

  it('saves a version, and restoring it brings the old text back for both', async () => {
    const id = await draftLikeTheDemo('경쟁국 이상의 투자 지원 보장 (버전)', { typed: true, commented: true });
    const [{ page: chairPage }, { page: ministryPage }] = await Promise.all([openProposal(chair.email, id), openProposal(ministry.email, id)]);
    await chairPage.getByRole('tab', { name: '버전' }).click();
    await chairPage.getByLabel('버전 이름').fill('1차 검토본');
    await chairPage.getByRole('button', { name: '버전 저장' }).click();
    await see(chairPage.getByText('‘1차 검토본’ 버전을 저장했습니다.'));

    // A change after the version, seen by both.
    await caretAtEndOf(chairPage, '미국 IRA');
    await chairPage.keyboard.insertText(' 임시 문장');
    await waitForText(ministryPage, '임시 문장');
    // A comment on the sentence the restore will take away.
    await chairPage.getByRole('tab', { name: '의견' }).click();
    await selectText(chairPage, '임시 문장');
    const add = chairPage.getByRole('button', { name: '의견 추가' });
    await expect.poll(() => add.isEnabled(), { timeout }).toBe(true);
    await add.click();
    await chairPage.getByLabel('의견 내용').fill('이 문장은 빼 주세요.');
    await chairPage.getByRole('button', { name: '등록', exact: true }).click();
    const onRemoved = await see(ministryPage.getByRole('article', { name: `${chair.name}: 이 문장은 빼 주세요.` }));
    await chairPage.getByRole('tab', { name: '버전' }).click();

    // The version shows what changed since, then is restored.
    await chairPage.getByRole('button', { name: '보기: 1차 검토본' }).click();
    const dialog = chairPage.getByRole('dialog');
    await see(dialog.getByRole('heading', { name: '버전: 1차 검토본' }));
    await see(dialog.getByText(chairAddition));
    await dialog.getByRole('button', { name: '변경 사항' }).click();
    await see(dialog.locator('.change.added', { hasText: '임시 문장' }));
    await dialog.getByRole('button', { name: '복원', exact: true }).click();
    await dialog.getByRole('button', { name: '복원하기' }).click();
    await see(chairPage.getByText('‘1차 검토본’ 버전으로 복원했습니다.'));

    for (const page of [chairPage, ministryPage]) {
      await waitForText(page, '임시 문장', false);
      await waitForText(page, chairAddition);
    }
    // The text before the restore was kept as a version.
    await see(chairPage.getByText('복원 전: 1차 검토본'));
    // The comment on text the restore left alone still points at it; the one on the removed
    // sentence says, in words anyone can see, that its text is gone.
    const kept = ministryPage.getByRole('article', { name: `${chair.name}: ${lawComment}` });
    await see(kept.getByRole('button', { name: chairSentence }));
    const gone = await see(onRemoved.getByText('의견을 단 부분이 삭제되었습니다.'));
    expect((await gone.boundingBox())!.width, 'the note is only for screen readers').toBeGreaterThan(40);
  });

  it('keeps edits made offline and merges them when the connection returns', async () => {
    const id = await draftLikeTheDemo('경쟁국 이상의 투자 지원 보장 (오프라인)');
    const [{ page: chairPage }, { page: ministryPage }] = await Promise.all([openProposal(chair.email, id), openProposal(ministry.email, id)]);
    await see(ministryPage.locator('fw-connection-badge[status="connected"]'));
    await ministryPage.context().setOffline(true);
    await see(ministryPage.locator('fw-connection-badge[status="offline"]'));
    await caretAtEndOf(ministryPage, '세액공제');
    await ministryPage.keyboard.insertText(' 오프라인에서 쓴 문장');
    await waitForText(ministryPage, '오프라인에서 쓴 문장');

    await ministryPage.context().setOffline(false);
    await see(ministryPage.locator('fw-connection-badge[status="connected"]'));
    await waitForText(chairPage, '오프라인에서 쓴 문장');
  });

  it('lets an observer read the text and the comments, but not edit', async () => {
    const id = await draftLikeTheDemo('경쟁국 이상의 투자 지원 보장 (참관)', { typed: true, commented: true });
    const { page, editor } = await openProposal(observer.email, id);
    await waitForText(page, chairAddition);
    expect(await editor.getAttribute('contenteditable')).toBe('false');
    await see(page.getByText('읽기 전용입니다.', { exact: false }));
    await see(page.getByText(lawComment));
    expect(await page.getByRole('button', { name: '의견 추가' }).count()).toBe(0);
    expect(await page.getByRole('toolbar', { name: '서식 도구' }).count()).toBe(0);
  });
});

describe('the proposal list', () => {
  it('filters by subcommittee from the home page, searches titles in Korean, and creates a draft', async () => {
    const page = await stage.visit(chair.email, '/');
    await page.getByRole('link', { name: '투자 분과' }).click();
    await see(page.getByRole('heading', { level: 1, name: '제안' }));
    expect(new URL(page.url()).searchParams.get('subcommittee')).toBe('investment');
    await see(page.getByRole('link', { name: '국가투자지주회사 (K-테마섹)' }));
    expect(await page.getByRole('link', { name: '국가 산업인재은행' }).count()).toBe(0);

    await page.getByLabel('제목 검색').click();
    await page.keyboard.insertText('인센티브');
    await see(page.getByText('제안 1건'));
    await see(page.getByRole('link', { name: '경쟁국 이상의 투자 인센티브 보장' }));

    await page.getByRole('button', { name: '새 제안' }).click();
    await page.getByLabel('제목', { exact: true }).fill('투자 규제 샌드박스 확대');
    await page.getByRole('button', { name: '만들기', exact: true }).click();
    await see(page.getByRole('heading', { level: 1, name: '투자 규제 샌드박스 확대' }));
    await see(page.locator('fw-status-badge[status="draft"]'));

    await page.getByRole('button', { name: '제목 바꾸기' }).click();
    const title = page.getByLabel('제목', { exact: true });
    await title.fill('');
    await title.pressSequentially('투자 규제 샌드박스 전면 확대');
    await title.press('Enter');
    await see(page.getByRole('heading', { level: 1, name: '투자 규제 샌드박스 전면 확대' }));
  });
});
