import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { commentOn } from '../helpers/comments';
import { demoAccount, see, selectText, useStage } from '../helpers/e2e';
import { draftProposal, moveProposal, oneParagraph } from '../helpers/proposals';
import { callApi, type TestServer } from '../helpers/server';

/**
 * Amendments as their people meet them in Chromium: on a submitted proposal (its text locked),
 * the chair of another subcommittee comments on a sentence and suggests a replacement; the
 * proposal's author accepts it, and the new text reaches everyone with the decision on the
 * comment; an observer reads it all but has nothing to comment with. Each test makes its own
 * proposal (and the comment or decision it starts from) over the API. No fixed sleeps.
 */
const stage = useStage();
let server: TestServer;
beforeAll(() => {
  server = stage.server;
});

const author = demoAccount('chair.investment@forum.demo');
const commenter = demoAccount('chair.workforce@forum.demo');
const timeout = 15_000;
const wide = { viewport: { width: 1440, height: 1000 } };
const editorText = (page: Page) => page.locator('fw-editor .ProseMirror');

const sentence = '투자 세액공제를 10%로 한다.';
const replacement = '투자 세액공제를 15%로 높인다.';
const comment = '인력 분과 의견: 공제율을 높여 주세요.';

/** The author's new proposal with the sentence in its one paragraph, submitted: its text is locked. Answers its id. */
async function submittedProposal(): Promise<string> {
  const { token } = await stage.login(author.email);
  const id = await draftProposal(server, token, '투자 세액공제 상향', oneParagraph(`첫 문장. ${sentence} 끝 문장.`));
  await moveProposal(server, token, id, 'submitted');
  return id;
}

/** A submitted proposal on whose sentence the other chair has suggested the replacement. Answers its id and the thread's. */
async function amendedProposal(): Promise<{ id: string; threadId: string }> {
  const id = await submittedProposal();
  const { userId } = await stage.login(commenter.email);
  const threadId = await commentOn(server, `proposal:${id}`, sentence, { author: { id: userId, name: commenter.name }, body: comment, amendment: replacement });
  return { id, threadId };
}

describe('amendments', () => {
  it("lets another subcommittee's chair comment on a submitted proposal with a replacement text", async () => {
    const id = await submittedProposal();
    const page = await stage.visit(commenter.email, `/proposals/${id}`, wide);
    await see(editorText(page).getByText(sentence, { exact: false }));
    await selectText(page, sentence);
    const add = page.getByRole('button', { name: '의견 추가' });
    await expect.poll(() => add.isEnabled(), { timeout }).toBe(true);
    await add.click();
    await page.getByLabel('의견 내용').fill(comment);
    await page.getByLabel('대체 문구 제안 (선택)').fill(replacement);
    await page.getByRole('button', { name: '등록', exact: true }).click();
    const thread = await see(page.getByRole('article', { name: `${commenter.name}: ${comment}` }));
    await see(thread.getByText(replacement));
    // Only the author and ministry staff decide.
    expect(await thread.getByRole('button', { name: '수락' }).count()).toBe(0);
  });

  it('lets the author accept it: the locked text changes for everyone, and the comment says so', async () => {
    const { id } = await amendedProposal();
    const [page, commenterPage] = await Promise.all([stage.visit(author.email, `/proposals/${id}`, wide), stage.visit(commenter.email, `/proposals/${id}`, wide)]);
    await see(editorText(commenterPage).getByText(sentence, { exact: false }));
    const thread = await see(page.getByRole('article', { name: `${commenter.name}: ${comment}` }));
    page.once('dialog', (dialog) => void dialog.accept());
    await thread.getByRole('button', { name: '수락' }).click();
    await see(thread.getByText(`${author.name} 수락 · 본문에 반영됨`));
    await see(editorText(page).getByText(replacement, { exact: false }));
    await see(editorText(commenterPage).getByText(replacement, { exact: false }));
    await see(commenterPage.getByText(`${author.name} 수락 · 본문에 반영됨`));
    expect(await thread.getByRole('button', { name: '수락' }).count()).toBe(0);
    // The text before was kept as a version (the list as loaded anew).
    await page.reload();
    await page.getByRole('tab', { name: '버전' }).click();
    await see(page.getByText('수정 제안 반영 전', { exact: false }));
  });

  it('lets an observer read the amendment and its decision, with nothing to comment with', async () => {
    const { id, threadId } = await amendedProposal();
    const { token } = await stage.login(author.email);
    await callApi(server, token, 'POST', `/api/proposals/${id}/amendments/${threadId}`, { decision: 'accepted' });
    const page = await stage.visit('observer@forum.demo', `/proposals/${id}`, wide);
    await see(page.getByText(replacement).first());
    await see(page.getByText(`${author.name} 수락 · 본문에 반영됨`));
    expect(await page.getByRole('button', { name: '의견 추가' }).count()).toBe(0);
  });
});
