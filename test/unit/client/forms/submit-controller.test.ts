/**
 * One form's submit (client/forms/submit-controller.ts) on a host outside a browser: busy while
 * the request is out and a second submit meanwhile ignored, the failure kept in the page's
 * language (the server's reason key through the catalogue, Korean and English) until the next
 * submit, refusals answered as socket acknowledgements kept the same way, and the host told of
 * every change. The requests are promises the test settles.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../../../shared/realtime/ack';
import type { AppError } from '../../../../shared/result';
import { SubmitController } from '../../../../client/forms/submit-controller';
import { ApiError } from '../../../../client/http/call';
import { localeState } from '../../../../client/i18n/i18n';
import { loadPack } from '../../../../client/i18n/packs';
import { ControllerHost } from '../../../helpers/controller-host';

// The page's language lives on <html lang>, the one part of a document the catalogue touches
// (hoisted: the language is set up when its module loads). With a document present lit-html
// takes the page for a browser: its template walker is what it makes on a server without one.
vi.hoisted(() => vi.stubGlobal('document', { documentElement: { lang: 'ko' }, createTreeWalker: () => ({}) }));

beforeAll(() => loadPack('en'));
afterEach(() => localeState.set('ko'));

/** A request the test answers when it likes. */
function pending<T>() {
  let settle!: { resolve: (value: T) => void; reject: (error: unknown) => void };
  const promise = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  return { promise, ...settle };
}

const wrongPassword: AppError = { code: 'unauthenticated', message: 'Invalid email or password', reason: 'auth.invalid_credentials' };

function form() {
  const host = new ControllerHost();
  const submit = new SubmitController(host);
  return { host, submit, words: () => submit.error?.(localeState.catalogue) ?? null };
}

describe('SubmitController', () => {
  it('is busy while the request is out, and tells the host at the start and at the end', async () => {
    const { host, submit } = form();
    const request = pending<string>();
    const done = submit.run(() => request.promise);
    expect(submit.busy).toBe(true);
    expect(host.updates).toBe(1);
    request.resolve('sent');
    expect(await done).toEqual({ kind: 'done', value: 'sent' });
    expect(submit.busy).toBe(false);
    expect(submit.error).toBeNull();
    expect(host.updates).toBe(2);
  });

  it('ignores a second submit while the first is out: nothing more is sent', async () => {
    const { submit } = form();
    const request = pending<void>();
    let sent = 0;
    const first = submit.run(() => {
      sent++;
      return request.promise;
    });
    const second = await submit.run(async () => {
      sent++;
    });
    expect(second).toEqual({ kind: 'ignored' });
    expect(sent).toBe(1);
    request.resolve();
    expect(await first).toEqual({ kind: 'done', value: undefined });
    expect(await submit.run(async () => void sent++)).toEqual({ kind: 'done', value: undefined });
    expect(sent).toBe(2);
  });

  it('keeps a refusal in the words of the page’s language, and forgets it when the next submit starts', async () => {
    const { host, submit, words } = form();
    expect(await submit.run(() => Promise.reject(new ApiError(401, wrongPassword)))).toEqual({ kind: 'failed' });
    expect(submit.busy).toBe(false);
    expect(host.updates).toBe(2);
    expect(words()).toBe('이메일 또는 비밀번호가 올바르지 않습니다.');
    await localeState.set('en');
    expect(words()).toBe('The email or password is incorrect.');

    const request = pending<void>();
    const next = submit.run(() => request.promise);
    expect(submit.error).toBeNull();
    request.resolve();
    await next;
    expect(submit.error).toBeNull();
  });

  it('says the server cannot be reached in the app’s words, or in the form’s own', async () => {
    const unreachable = new ApiError(0, { code: 'internal', message: 'network error', reason: 'server.unreachable' });
    const { submit, words } = form();
    await submit.run(() => Promise.reject(unreachable));
    expect(words()).toBe(localeState.catalogue.app.networkError);

    const host = new ControllerHost();
    const poll = new SubmitController(host, { unreachable: (t) => t.polls.errors.offline });
    await poll.run(() => Promise.reject(unreachable));
    expect(poll.error?.(localeState.catalogue)).toBe('서버에 연결되어 있지 않습니다. 다시 연결되면 시도해 주세요.');
  });

  it('answers an acknowledged request’s value, and keeps its refusal worded by the caller', async () => {
    const { submit, words } = form();
    const refused = await submit.ask(async (): Promise<Ack<{ position: number }>> => ({ ok: false, error: wrongPassword }), (error) => () => `refused: ${error.reason}`);
    expect(refused).toEqual({ kind: 'failed' });
    expect(words()).toBe('refused: auth.invalid_credentials');

    const raised = await submit.ask(async (): Promise<Ack<{ position: number }>> => ({ ok: true, position: 3 }), () => () => 'unused');
    expect(raised).toEqual({ kind: 'done', value: { ok: true, position: 3 } });
    expect(submit.error).toBeNull();
  });

  it('says what a submit did until the next one starts, and a failure takes the notice’s place', async () => {
    const { host, submit } = form();
    await submit.run(async () => submit.tell((t) => t.proposals.detail.moved(t.proposals.statuses.submitted)));
    expect(submit.notice?.(localeState.catalogue)).toBe('상태를 ‘제출됨’(으)로 바꿨습니다.');
    expect(submit.error).toBeNull();

    const request = pending<void>();
    const next = submit.run(() => request.promise);
    expect(submit.notice).toBeNull();
    request.reject(new ApiError(409, { code: 'conflict', message: 'moved meanwhile', reason: 'proposal.transition', params: { from: 'draft', to: 'adopted' } }));
    await next;
    expect(submit.notice).toBeNull();
    expect(submit.error).not.toBeNull();
    expect(host.updates).toBe(5);
  });

  it('shows a failure the form found itself, or one thrown beside the submits, and forgets it on request', () => {
    const { host, submit, words } = form();
    submit.fail((t) => t.polls.form.optionsHint);
    expect(words()).toBe(localeState.catalogue.polls.form.optionsHint);
    submit.report(new ApiError(401, wrongPassword));
    expect(words()).toBe('이메일 또는 비밀번호가 올바르지 않습니다.');
    expect(submit.busy).toBe(false);
    submit.clear();
    expect(submit.error).toBeNull();
    expect(host.updates).toBe(3);
  });
});
