import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../server/auth/passwords';

describe('scrypt passwords', () => {
  it('verifies the right password, including Korean in either Unicode form', async () => {
    const hash = await hashPassword('포럼비밀번호-2026');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('포럼비밀번호-2026', hash)).toBe(true);
    expect(await verifyPassword('포럼비밀번호-2026'.normalize('NFD'), hash)).toBe(true);
    expect(await verifyPassword('포럼비밀번호-2027', hash)).toBe(false);
  });

  it('salts every hash and rejects malformed ones', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });
});
