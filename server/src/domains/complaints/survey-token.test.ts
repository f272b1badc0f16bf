import { describe, expect, it } from 'vitest';
import { FieldCrypto, testKeyRing } from '../../kernel/crypto';
import { signSurveyToken, verifySurveyToken } from './survey-token';

const signer = new FieldCrypto(testKeyRing());
const id = 'svi_01jd0000000000000000000000';

describe('survey link token', () => {
  it('verifies a token it signed and recovers the id and expiry', () => {
    const exp = new Date('2026-01-01T00:00:00Z');
    expect(verifySurveyToken(signer, signSurveyToken(signer, id, exp))).toEqual({
      ok: true,
      invitationId: id,
      expiresAt: exp,
    });
  });

  it('rejects a token whose expiry, id or signature was changed', () => {
    const t = signSurveyToken(signer, id, new Date('2026-01-01T00:00:00Z'));
    const [i, e, m] = t.split('.') as [string, string, string];
    expect(verifySurveyToken(signer, `${i}.${(Number.parseInt(e, 36) + 86400).toString(36)}.${m}`)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    // change one character to a different one (a random id may already end in the replacement;
    // the first signature character, since the last one of base64 can carry only padding bits)
    const other = (c: string | undefined, x: string, y: string) => (c === x ? y : x);
    expect(verifySurveyToken(signer, `${i.slice(0, -1)}${other(i.at(-1), '1', '2')}.${e}.${m}`)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifySurveyToken(signer, `${i}.${e}.${other(m[0], 'A', 'B')}${m.slice(1)}`)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifySurveyToken(signer, 'garbage')).toEqual({ ok: false, reason: 'malformed' });
  });
});
