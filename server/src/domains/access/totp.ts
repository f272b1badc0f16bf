import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 defaults every authenticator app supports: SHA-1, 6 digits, 30 s (SEC-03: TOTP <= 30 s). */
export const totpPeriodSeconds = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(opts: { issuer: string; label: string; secret: string }): string {
  return generateURI({ issuer: opts.issuer, label: opts.label, secret: opts.secret });
}

/**
 * Check a code at `now`, one step of clock drift either way. A code whose
 * time step is not after `lastStep` is refused, so each code works once
 * (ASVS 6.5.1). Returns the accepted time step, or null.
 */
export async function checkTotp(opts: {
  secret: string;
  code: string;
  now: Date;
  lastStep: number | null;
}): Promise<number | null> {
  if (!/^\d{6}$/.test(opts.code)) return null;
  const result = await verify({
    secret: opts.secret,
    token: opts.code,
    epoch: Math.floor(opts.now.getTime() / 1000),
    epochTolerance: totpPeriodSeconds,
    ...(opts.lastStep != null ? { afterTimeStep: opts.lastStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
