import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../kernel/actor';
import { localDate, MS } from '../../kernel/clock';
import type { DbOrTx } from '../../kernel/db';
import { preferenceFacts, withdrawnChannels } from '../consent';
import { customerScope } from '../customers';
import {
  contactKindsOf,
  enqueueMessage,
  kickSend,
  liveTemplateByCode,
  type MessageChannel,
  type TemplateRow,
} from '../messaging';
import type { CareDeps } from './care.deps';
import * as repo from './care.repository';
import { type FestivalCode, festivalNames, festivalsOf, festivalsOn, lunarLabel } from './festivals';

export type CareRun = {
  date: string;
  birthdays: number;
  festivals: Record<string, number>;
  maturity: number;
  assessment: number;
  skipped: number;
};

const batchSize = 500;
const contactFor: Record<MessageChannel, string | null> = {
  sms: 'mobile',
  email: 'email',
  wechat: 'wechat',
  app: null,
};

/**
 * The customer's preferred channel if care may use it, else the first usable
 * one of the configured order: the customer has a contact point there, has
 * not opted out of notices on it, and an approved template exists for it.
 */
async function pickChannel(
  db: DbOrTx,
  deps: CareDeps,
  customerId: string,
  preferred: string | null,
  templates: Map<MessageChannel, TemplateRow>,
): Promise<TemplateRow | null> {
  const kinds = await contactKindsOf(db, customerId);
  const out = await withdrawnChannels(db, customerId, 'service');
  const order = [...(preferred ? [preferred] : []), ...deps.care.careChannels] as MessageChannel[];
  for (const ch of order) {
    const t = templates.get(ch);
    if (!t || !deps.care.careChannels.includes(ch as never) || out.has(ch)) continue;
    const need = contactFor[ch];
    if (need === null || kinds.has(need)) return t;
  }
  return null;
}

async function templatesFor(deps: CareDeps, code: string): Promise<Map<MessageChannel, TemplateRow>> {
  const m = new Map<MessageChannel, TemplateRow>();
  for (const ch of deps.care.careChannels) {
    const t = await liveTemplateByCode(deps.db, code, ch);
    if (t?.status === 'approved') m.set(ch, t);
  }
  return m;
}

/** Queue one care message per customer of the filter, in keyset batches; the key makes a re-run a no-op. */
async function greet(
  deps: CareDeps,
  filter: SQL | undefined,
  code: string,
  keyOf: (customerId: string) => string,
  vars: Record<string, string>,
): Promise<{ queued: number; skipped: number }> {
  const templates = await templatesFor(deps, code);
  if (templates.size === 0) return { queued: 0, skipped: 0 };
  let after = '';
  let queued = 0;
  let skipped = 0;
  for (;;) {
    const batch = await repo.individualsAfter(deps.db, filter, after, batchSize);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]?.id ?? after;
    const fresh = await deps.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (const c of batch) {
        const t = await pickChannel(tx, deps, c.id, preferenceFacts(c.preferences).channel, templates);
        if (!t) {
          skipped++;
          continue;
        }
        const r = await enqueueMessage(tx, deps, {
          customerId: c.id,
          template: t,
          variables: vars,
          idempotencyKey: keyOf(c.id),
          sourceType: 'care',
          sourceId: code,
          createdBy: 'system',
        });
        if (r.created) ids.push(r.message.id);
      }
      return ids;
    });
    queued += fresh.length;
    await kickSend(deps, fresh);
    if (batch.length < batchSize) break;
  }
  return { queued, skipped };
}

/** Queue service notices for listed customers (maturity, assessment expiry). */
async function notify(
  deps: CareDeps,
  code: string,
  items: { customerId: string; key: string; vars: Record<string, string> }[],
): Promise<number> {
  const templates = await templatesFor(deps, code);
  if (templates.size === 0 || items.length === 0) return 0;
  let queued = 0;
  for (let i = 0; i < items.length; i += batchSize) {
    const slice = items.slice(i, i + batchSize);
    const fresh = await deps.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (const it of slice) {
        const t = await pickChannel(tx, deps, it.customerId, null, templates);
        if (!t) continue;
        const r = await enqueueMessage(tx, deps, {
          customerId: it.customerId,
          template: t,
          variables: it.vars,
          idempotencyKey: it.key,
          sourceType: 'care',
          sourceId: code,
          createdBy: 'system',
        });
        if (r.created) ids.push(r.message.id);
      }
      return ids;
    });
    queued += fresh.length;
    await kickSend(deps, fresh);
  }
  return queued;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS.day).toISOString().slice(0, 10);
}

/**
 * The daily care run (cron `care.daily`): birthday greetings, festival
 * greetings, maturity and assessment-expiry reminders, each through the
 * customer's preferred allowed channel. Sends pass the contact gate, so quiet
 * hours in the customer's time zone defer them and "no greetings" or DND
 * stop greetings (MKT-09). Idempotent per customer, occasion and day.
 */
export async function runDailyCare(deps: CareDeps, date?: string): Promise<CareRun> {
  const today = date ?? localDate(deps.clock.now(), deps.care.timeZone);
  const year = today.slice(0, 4);
  const run: CareRun = { date: today, birthdays: 0, festivals: {}, maturity: 0, assessment: 0, skipped: 0 };
  const b = await greet(deps, repo.bornOn(today), 'care.birthday', (id) => `care:birthday:${year}:${id}`, {});
  run.birthdays = b.queued;
  run.skipped += b.skipped;
  for (const f of festivalsOn(today, deps.care.careFestivals)) {
    const r = await greet(deps, undefined, 'care.festival', (id) => `care:${f}:${year}:${id}`, {
      festival: festivalNames[f].zh,
      festivalEn: festivalNames[f].en,
    });
    run.festivals[f] = r.queued;
    run.skipped += r.skipped;
  }
  const maturityDate = addDays(today, deps.care.maturityReminderDays);
  const maturing = await repo.maturingOn(deps.db, maturityDate);
  run.maturity = await notify(
    deps,
    'notice.maturity',
    maturing.map((h) => ({
      customerId: h.customerId,
      key: `notice:maturity:${h.id}:${maturityDate}`,
      vars: { product: h.productName, date: maturityDate },
    })),
  );
  const expiryDate = addDays(today, deps.care.assessmentExpiryNoticeDays);
  const expiring = await repo.assessmentsExpiringOn(deps.db, expiryDate, deps.care.timeZone);
  run.assessment = await notify(
    deps,
    'notice.assessment_expiry',
    expiring.map((c) => ({
      customerId: c.id,
      key: `notice:assessment:${c.id}:${c.expires}`,
      vars: { date: c.expires },
    })),
  );
  return run;
}

/** The care calendar of a month: festivals (with lunar dates) and, per day, birthdays, maturities and expiries in scope. */
export async function careCalendar(deps: CareDeps, actor: Actor, year: number, month: number) {
  const mm = String(month).padStart(2, '0');
  const festivals = festivalsOf(year)
    .filter((f) => f.date.slice(5, 7) === mm)
    .map((f) => ({
      code: f.code,
      date: f.date,
      name: festivalNames[f.code as FestivalCode],
      enabled: deps.care.careFestivals.includes(f.code),
    }));
  const counts = await repo.monthCounts(deps.db, customerScope(actor), year, month, deps.care.timeZone);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return {
    year,
    month,
    festivals,
    days: Array.from({ length: days }, (_, i) => {
      const d = i + 1;
      const date = `${year}-${mm}-${String(d).padStart(2, '0')}`;
      return {
        date,
        lunar: lunarLabel(date),
        birthdays: counts.birthdays.get(d) ?? 0,
        maturities: counts.maturities.get(d) ?? 0,
        assessmentExpiries: counts.expiries.get(d) ?? 0,
      };
    }),
  };
}

/** The festivals of a year (the calendar's year view). */
export function careYear(deps: CareDeps, year: number) {
  return festivalsOf(year).map((f) => ({
    code: f.code,
    date: f.date,
    name: festivalNames[f.code as FestivalCode],
    enabled: deps.care.careFestivals.includes(f.code),
  }));
}
