import { timingSafeEqual } from 'node:crypto';

/**
 * The signed one-time survey link: `<invitation id>.<expiry, unix seconds
 * base36>.<HMAC>`. The HMAC (the field-crypto index key, kind `survey_link`)
 * covers the id and the expiry, so neither can be changed; the link is used
 * once because the invitation records its answer.
 */
export type Signer = { blindIndex(kind: string, value: string): string };

export function signSurveyToken(signer: Signer, invitationId: string, expiresAt: Date): string {
  const body = `${invitationId}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${body}.${signer.blindIndex('survey_link', body)}`;
}

export type TokenCheck =
  | { ok: true; invitationId: string; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'bad_signature' };

export function verifySurveyToken(signer: Signer, token: string): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^svi_[0-9a-z]{26}$/.test(parts[0] ?? '') || !/^[0-9a-z]{1,12}$/.test(parts[1] ?? '')) {
    return { ok: false, reason: 'malformed' };
  }
  const [id, exp, mac] = parts as [string, string, string];
  const expected = Buffer.from(signer.blindIndex('survey_link', `${id}.${exp}`));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' };
  return { ok: true, invitationId: id, expiresAt: new Date(Number.parseInt(exp, 36) * 1000) };
}
