import { describe, expect, it } from 'vitest';
import {
  assertPasswordPolicy,
  commonPasswords,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyPassword,
} from './password';

const params = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

describe('SEC-01 password storage', () => {
  it('stores an argon2id hash with the configured memory cost and verifies it', async () => {
    const h = await hashPassword('Banyan#demo2026', params);
    expect(h.startsWith('$argon2id$')).toBe(true);
    expect(h).toContain('m=19456');
    expect(await verifyPassword(h, 'Banyan#demo2026')).toBe(true);
    expect(await verifyPassword(h, 'banyan#demo2026')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('asks for a rehash when the parameters changed', async () => {
    const h = await hashPassword('Banyan#demo2026', { memoryCost: 1024, timeCost: 1, parallelism: 1 });
    expect(needsRehash(h, params)).toBe(true);
    expect(needsRehash(h, { memoryCost: 1024, timeCost: 1, parallelism: 1 })).toBe(false);
    expect(needsRehash('$2b$10$abcdefghijklmnopqrstuv', params)).toBe(true);
  });
});

describe('SEC-02 password policy', () => {
  it('checks against a common-password list of at least the top 3,000', () => {
    expect(commonPasswords().size).toBeGreaterThanOrEqual(3000);
    expect(passwordProblem('password1', { minLength: 8 })).toBe('common');
    expect(passwordProblem('Qwertyuiop', { minLength: 8 })).toBe('common');
  });

  it('enforces the minimum and maximum length, without composition rules', () => {
    expect(passwordProblem('short7!', { minLength: 8 })).toBe('too_short');
    expect(passwordProblem('a'.repeat(129), { minLength: 8 })).toBe('too_long');
    expect(passwordProblem('x'.repeat(64), { minLength: 8 })).toBeNull();
    expect(passwordProblem('lowercase only words here', { minLength: 8 })).toBeNull();
    expect(passwordProblem('Banyan#demo', { minLength: 12 })).toBe('too_short');
  });

  it('refuses a password containing the username', () => {
    expect(passwordProblem('zhangwei-2026-bank', { minLength: 8, username: 'ZhangWei' })).toBe('contains_username');
  });

  it('names the field in the error', () => {
    expect(() => assertPasswordPolicy('short', { minLength: 8, field: 'newPassword' })).toThrow(
      /password: must be at least 8/,
    );
    try {
      assertPasswordPolicy('short', { minLength: 8, field: 'newPassword' });
    } catch (e) {
      expect((e as { details: unknown }).details).toEqual({ field: 'newPassword', reason: 'too_short', minLength: 8 });
    }
  });
});
