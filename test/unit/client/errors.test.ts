import { describe, expect, it } from 'vitest';
import { localizedError } from '../../../client/i18n/errors';
import { rateLimited } from '../../../server/limits/rate-limiter';

describe('localizedError', () => {
  it('says a rate-limited refusal in Korean and in English', () => {
    const error = rateLimited(2_500, 'events');
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 3 });
    expect(localizedError(error, 'ko')).toBe('요청이 너무 많습니다. 잠시 후 다시 시도하세요.');
    expect(localizedError(error, 'en')).toBe('Too many requests. Please wait a moment and try again.');
  });
});
