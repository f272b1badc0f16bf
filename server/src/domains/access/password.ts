import { hash, parseOptions, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { accessError } from './access.errors';

/** argon2id parameters (SEC-01); stored in each hash's PHC string. */
export type HashParams = { memoryCost: number; timeCost: number; parallelism: number };

export const passwordMaxLength = 128;

export function hashParamsFrom(config: { passwordHashMemoryKib: number; passwordHashTimeCost: number }): HashParams {
  return { memoryCost: config.passwordHashMemoryKib, timeCost: config.passwordHashTimeCost, parallelism: 1 };
}

/** Hash a password with argon2id (the library default algorithm) and the given parameters. */
export function hashPassword(password: string, params: HashParams): Promise<string> {
  return hash(password, params);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** SEC-01: rehash on login when the stored hash was made with other parameters or another algorithm. */
export function needsRehash(stored: string, params: HashParams): boolean {
  if (!stored.startsWith('$argon2id$')) return true;
  try {
    const o = parseOptions(stored);
    return o.memoryCost !== params.memoryCost || o.timeCost !== params.timeCost || o.parallelism !== params.parallelism;
  } catch {
    return true;
  }
}

let common: Set<string> | null = null;

/**
 * The common-password list: ~49,000 passwords ordered by frequency, shipped
 * by @zxcvbn-ts/language-common (well beyond ASVS 6.2.4's top 3,000).
 */
export function commonPasswords(): ReadonlySet<string> {
  if (!common) common = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
}

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_username';

/**
 * SEC-02 (ASVS 6.2): length between the configured minimum and 128, no
 * composition rules, not a common password, not containing the username.
 * Returns the problem, or null when the password is acceptable.
 */
export function passwordProblem(
  password: string,
  opts: { minLength: number; username?: string },
): PasswordProblem | null {
  const length = [...password].length;
  if (length < opts.minLength) return 'too_short';
  if (length > passwordMaxLength) return 'too_long';
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return 'common';
  const u = opts.username?.toLowerCase();
  if (u && u.length >= 3 && lower.includes(u)) return 'contains_username';
  return null;
}

const messages: Record<PasswordProblem, (min: number) => string> = {
  too_short: (min) => `password: must be at least ${min} characters`,
  too_long: () => `password: must be at most ${passwordMaxLength} characters`,
  common: () => 'password: is a commonly used password; choose another',
  contains_username: () => 'password: must not contain the username',
};

/** Throw `auth.password_policy` naming the field and the problem. */
export function assertPasswordPolicy(
  password: string,
  opts: { minLength: number; username?: string; field?: string },
): void {
  const problem = passwordProblem(password, opts);
  if (problem) {
    throw accessError('auth.password_policy', messages[problem](opts.minLength), {
      field: opts.field ?? 'password',
      reason: problem,
      minLength: opts.minLength,
    });
  }
}
