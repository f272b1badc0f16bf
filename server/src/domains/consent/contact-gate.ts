import { MS } from '../../kernel/clock';
import type { ConsentChannel, ConsentStatus, SuppressionReason } from './consent.tables';

/** What kind of contact passes the gate: marketing gets every rule; care and service notices only some. */
export type ContactKind = 'marketing' | 'care' | 'service';

/** The policy numbers of the gate (config: BANYAN_CONTACT_CAP_7D, BANYAN_CONTACT_CAP_30D, BANYAN_QUIET_HOURS). */
export type GatePolicy = {
  cap7d: number;
  cap30d: number;
  /** minutes after local midnight; the window may wrap midnight (21:00-09:00) */
  quietStartMinute: number;
  quietEndMinute: number;
  /** the bank's time zone, used when a customer has none */
  timeZone: string;
};

/** Everything the gate needs to know about one customer at one moment. */
export type GateFacts = {
  kind: ContactKind;
  channel: ConsentChannel;
  now: Date;
  /** the customer's state for marketing x this channel (undefined: never asked, so no consent) */
  marketingConsent: ConsentStatus | undefined;
  /** the customer's state for service x this channel (a withdrawal opts the channel out of notices) */
  serviceConsent: ConsentStatus | undefined;
  /** on the do-not-disturb list (or preferences.doNotContact) */
  dnd: boolean;
  /** customer asked for no greetings (preferences.noGreetings) */
  noGreetings: boolean;
  timeZone: string | null;
  /** times of the marketing contacts already made, any channel */
  pastContacts: readonly Date[];
};

export type GateDecision =
  | { allowed: true }
  | { allowed: false; reason: Exclude<SuppressionReason, 'quiet_hours'>; detail: Record<string, unknown> }
  | { allowed: false; reason: 'quiet_hours'; deferUntil: Date; detail: Record<string, unknown> };

// one formatter per time zone: building an Intl.DateTimeFormat costs far more than using it,
// and the batch gate asks for every message of a batch
const minuteFormats = new Map<string, Intl.DateTimeFormat>();

/** Minutes after midnight of an instant in a time zone. */
export function localMinute(at: Date, timeZone: string): number {
  let format = minuteFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    minuteFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const h = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const m = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return h * 60 + m;
}

export function inQuietHours(minute: number, p: Pick<GatePolicy, 'quietStartMinute' | 'quietEndMinute'>): boolean {
  if (p.quietStartMinute === p.quietEndMinute) return false;
  return p.quietStartMinute > p.quietEndMinute
    ? minute >= p.quietStartMinute || minute < p.quietEndMinute
    : minute >= p.quietStartMinute && minute < p.quietEndMinute;
}

/** The first instant at or after `now` outside quiet hours (to the minute). */
export function quietHoursEnd(now: Date, timeZone: string, p: GatePolicy): Date {
  const m = localMinute(now, timeZone);
  let wait = (p.quietEndMinute - m + 1440) % 1440;
  if (wait === 0) wait = 1440;
  const t = new Date(Math.floor(now.getTime() / MS.minute) * MS.minute + wait * MS.minute);
  return t;
}

/** Parse "21:00-09:00" into minutes. */
export function parseQuietHours(v: string): { quietStartMinute: number; quietEndMinute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(v);
  if (!m) throw new Error('must look like 21:00-09:00');
  return { quietStartMinute: Number(m[1]) * 60 + Number(m[2]), quietEndMinute: Number(m[3]) * 60 + Number(m[4]) };
}

/**
 * The contact-pressure gate, one rule set for every outbound contact.
 * Marketing: MKT-01/04 consent for the channel, MKT-03 per-channel opt-out,
 * MKT-08 do-not-disturb, caps across channels and quiet hours. Care greetings
 * (MKT-09): quiet hours, do-not-disturb and the "no greetings" wish. Service
 * notices: quiet hours and a channel opt-out only. Quiet hours defer; the
 * other rules drop.
 */
export function evaluateContact(f: GateFacts, p: GatePolicy): GateDecision {
  if (f.kind === 'marketing') {
    if (f.marketingConsent === 'withdrawn') return { allowed: false, reason: 'opt_out', detail: {} };
    if (f.marketingConsent !== 'granted') {
      return { allowed: false, reason: 'no_consent', detail: { state: f.marketingConsent ?? 'none' } };
    }
  } else if (f.serviceConsent === 'withdrawn') {
    return { allowed: false, reason: 'opt_out', detail: { purpose: 'service' } };
  }
  if (f.kind !== 'service' && f.dnd) return { allowed: false, reason: 'dnd', detail: {} };
  if (f.kind === 'care' && f.noGreetings) return { allowed: false, reason: 'no_greetings', detail: {} };
  if (f.kind === 'marketing') {
    const t = f.now.getTime();
    const in7 = f.pastContacts.filter((c) => c.getTime() > t - 7 * MS.day && c.getTime() <= t).length;
    const in30 = f.pastContacts.filter((c) => c.getTime() > t - 30 * MS.day && c.getTime() <= t).length;
    if (in7 >= p.cap7d) return { allowed: false, reason: 'cap_7d', detail: { contacts7d: in7, cap: p.cap7d } };
    if (in30 >= p.cap30d) return { allowed: false, reason: 'cap_30d', detail: { contacts30d: in30, cap: p.cap30d } };
  }
  const tz = f.timeZone ?? p.timeZone;
  const minute = localMinute(f.now, tz);
  if (inQuietHours(minute, p)) {
    return {
      allowed: false,
      reason: 'quiet_hours',
      deferUntil: quietHoursEnd(f.now, tz, p),
      detail: { timeZone: tz, localMinute: minute },
    };
  }
  return { allowed: true };
}

/** The customer's own preferences that the gate reads (customers.preferences, free-form JSON). */
export function preferenceFacts(prefs: Record<string, unknown>): {
  timeZone: string | null;
  doNotContact: boolean;
  noGreetings: boolean;
  channel: string | null;
  language: 'zh-CN' | 'en';
} {
  const tz = typeof prefs.timeZone === 'string' && validTimeZone(prefs.timeZone) ? prefs.timeZone : null;
  return {
    timeZone: tz,
    doNotContact: prefs.doNotContact === true,
    noGreetings: prefs.noGreetings === true,
    channel: typeof prefs.channel === 'string' ? prefs.channel : null,
    language: prefs.language === 'en' ? 'en' : 'zh-CN',
  };
}

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
