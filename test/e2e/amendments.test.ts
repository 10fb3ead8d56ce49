import type { Page } from 'playwright-core';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, see, selectText, useStage } from '../helpers/e2e';
import type { TestServer } from '../helpers/server';

/**
 * Amendments as their people meet them in Chromium: on a submitted proposal (its text locked),
 * the chair of another subcommittee comments on a sentence and suggests a replacement; the
 * proposal's author accepts it, and the new text reaches everyone with the decision on the
 * comment; an observer reads it all but has nothing to comment with. No fixed sleeps.
 */
const stage = useStage();
let server: TestServer;
beforeAll(() => {
  server = stage.server;
});

const author = demoAccount('chair.investment@forum.demo');
const commenter = demoAccount('chair.workforce@forum.demo');
const timeout = 15_000;
const signedIn = (email: string): Promise<Page> => stage.signedIn(email, { viewport: { width: 1440, height: 1000 } });
const editorText = (page: Page) => page.locator('fw-editor .ProseMirror');

describe('amendments', () => {
  const sentence = '투자 세액공제를 10%로 한다.';
  const replacement = '투자 세액공제를 15%로 높인다.';
  let proposalPath = '';
  let commenterPage: Page;

  it("lets another subcommittee's chair comment on a submitted proposal with a replacement text", async () => {
    const { token } = await server.login(author.email);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const created = await fetch(`${server.url}/api/proposals`, { method: 'POST', headers, body: JSON.stringify({ title: '투자 세액공제 상향' }) });
    const id = ((await created.json()) as { proposal: { id: string } }).proposal.id;
    await server.documents.change(`proposal:${id}`, (doc) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(`첫 문장. ${sentence} 끝 문장.`)]);
      doc.getXmlFragment('default').push([p]);
    });
    expect((await fetch(`${server.url}/api/proposals/${id}/status`, { method: 'POST', headers, body: JSON.stringify({ to: 'submitted' }) })).status).toBe(200);
    proposalPath = `/proposals/${id}`;

    commenterPage = await signedIn(commenter.email);
    await commenterPage.goto(`${server.url}${proposalPath}`);
    await see(editorText(commenterPage).getByText(sentence, { exact: false }));
    await selectText(commenterPage, sentence);
    const add = commenterPage.getByRole('button', { name: '의견 추가' });
    await expect.poll(() => add.isEnabled(), { timeout }).toBe(true);
    await add.click();
    await commenterPage.getByLabel('의견 내용').fill('인력 분과 의견: 공제율을 높여 주세요.');
    await commenterPage.getByLabel('대체 문구 제안 (선택)').fill(replacement);
    await commenterPage.getByRole('button', { name: '등록', exact: true }).click();
    const thread = await see(commenterPage.getByRole('article', { name: `${commenter.name}: 인력 분과 의견: 공제율을 높여 주세요.` }));
    await see(thread.getByText(replacement));
    // Only the author and ministry staff decide.
    expect(await thread.getByRole('button', { name: '수락' }).count()).toBe(0);
  });

  it('lets the author accept it: the locked text changes for everyone, and the comment says so', async () => {
    const page = await signedIn(author.email);
    await page.goto(`${server.url}${proposalPath}`);
    const thread = await see(page.getByRole('article', { name: `${commenter.name}: 인력 분과 의견: 공제율을 높여 주세요.` }));
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
    const page = await signedIn('observer@forum.demo');
    await page.goto(`${server.url}${proposalPath}`);
    await see(page.getByText(replacement).first());
    await see(page.getByText(`${author.name} 수락 · 본문에 반영됨`));
    expect(await page.getByRole('button', { name: '의견 추가' }).count()).toBe(0);
  });
});
