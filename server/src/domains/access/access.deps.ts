import type { Config } from '../../config';
import type { Clock } from '../../kernel/clock';
import type { Db, DbOrTx } from '../../kernel/db';
import type { ModuleDeps } from '../../kernel/module';
import { type AuditEntry, recordAudit } from '../audit';

/** Writes one audit record in the caller's transaction (the audit domain's recordAudit). */
export type AuditWriter = (tx: DbOrTx, entry: AuditEntry) => Promise<void>;

/** Seals secrets at rest (TOTP secrets), e.g. FieldCrypto with a fixed field name. */
export type SecretBox = { seal(plain: string): string; open(stored: string): string };

export type AccessConfig = Pick<
  Config,
  | 'sessionIdleMinutes'
  | 'sessionAbsoluteHours'
  | 'secureCookies'
  | 'passwordMinLength'
  | 'passwordHashMemoryKib'
  | 'passwordHashTimeCost'
  | 'loginLockoutThreshold'
  | 'loginLockoutMinutes'
  | 'loginIpMaxPerMinute'
  | 'totpIssuer'
  | 'apiTokenMaxDays'
>;

/** What the access services need. */
export type AccessDeps = {
  db: Db;
  clock: Clock;
  config: AccessConfig;
  audit: AuditWriter;
  totpBox: SecretBox;
};

/** Field name the TOTP secret is encrypted under (add to kernel/crypto/encrypted-columns.ts). */
export const totpSecretField = 'user.totp_secret';

const cache = new WeakMap<ModuleDeps, AccessDeps>();

/** Build the access deps from the composition root's deps (once per server). */
export function accessDeps(deps: ModuleDeps): AccessDeps {
  let d = cache.get(deps);
  if (!d) {
    d = {
      db: deps.db,
      clock: deps.clock,
      config: deps.config,
      audit: async (tx, entry) => {
        await recordAudit(tx, deps.clock, entry);
      },
      totpBox: {
        seal: (plain) => deps.crypto.encrypt(totpSecretField, plain),
        open: (stored) => deps.crypto.decrypt(totpSecretField, stored),
      },
    };
    cache.set(deps, d);
  }
  return d;
}
