import { beforeAll, describe, expect, it } from 'vitest';
import { localizedError } from '../../../client/i18n/errors';
import { loadPack } from '../../../client/i18n/packs';
import { rateLimited } from '../../../server/limits/rate-limiter';
import { errorReasons } from '../../../shared/error-reasons';

// English is a chunk of its own in the browser, loaded when someone reads English.
beforeAll(() => loadPack('en'));

describe('localizedError', () => {
  it('says a rate-limited refusal in Korean and in English', () => {
    const error = rateLimited(2_500, 'events');
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 3 });
    expect(localizedError(error, 'ko')).toBe('요청이 너무 많습니다. 잠시 후 다시 시도하세요.');
    expect(localizedError(error, 'en')).toBe('Too many requests. Please wait a moment and try again.');
  });
});

describe('every refusal reads fully in the user’s language', () => {
  const latin = /[A-Za-z]/;
  const person = { name: '김은영', title: '국가 산업인재은행' };
  /** Params as the server sends them for each family of reasons (statuses are ids of that family). */
  const samples = (reason: string): Record<string, string>[] => {
    if (reason.startsWith('meeting.')) return [{ from: 'scheduled', to: 'ended', ...person }];
    if (reason.startsWith('minutes.')) return [{ from: 'draft', to: 'approved', meeting: 'ended' }, { from: 'approved', to: 'draft', meeting: 'ended' }, { from: 'draft', to: 'circulated', meeting: 'live' }];
    if (reason.startsWith('proposal.') || reason === 'poll.proposal_not_under_discussion') return [{ from: 'draft', to: 'adopted', status: 'submitted', ...person }];
    if (reason.startsWith('poll.')) return [{ status: 'closed', self: 'true', ...person }, { status: 'draft', self: 'false', ...person }];
    return [person];
  };

  it.each(errorReasons.map((reason) => [reason]))('%s has a Korean sentence with no Latin script, and an English one', (reason) => {
    for (const params of samples(reason)) {
      const error = { code: 'conflict' as const, message: 'English detail for API clients', reason, params };
      const ko = localizedError(error, 'ko');
      expect(ko, `${reason} in Korean`).not.toMatch(latin);
      expect(ko).not.toContain('undefined');
      // English, apart from the names and titles it quotes
      const en = localizedError(error, 'en').replaceAll(person.name, '').replaceAll(person.title, '');
      expect(en, `${reason} in English`).toMatch(/^[\x20-\x7E‘’]+$/);
      expect(en).not.toContain('English detail');
    }
  });

  it('names a refused field in Korean, and never echoes the server’s English for an unknown rule', () => {
    const error = {
      code: 'invalid_input' as const,
      message: 'Invalid body: …',
      reason: 'input.invalid' as const,
      issues: [
        { path: 'place', message: 'must be at most 200 characters' },
        { path: 'agenda.0.zzz', message: 'Invalid input: expected string, received number' },
      ],
    };
    expect(localizedError(error, 'ko')).toBe('입력값을 확인하세요: 장소: 200자 이하로 입력하세요; 형식이 올바르지 않습니다');
  });
});
