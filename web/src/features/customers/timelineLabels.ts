import type { TFunction } from 'i18next';
import type { TimelineEntry } from './api/customerApi';
import { codeLabel } from './labels';

/** How a timeline entry reads: a label for its type and a one-line summary of its payload. */

/** `customer.contact_added` -> the i18n key `customers.timeline.type.customer_contact_added`. */
function typeKey(type: string): string {
  return `customers.timeline.type.${type.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

/** The readable label of an event type; an unknown type (a later domain's) gets a generic label naming it. */
export function timelineLabel(t: TFunction, type: string): string {
  return t(typeKey(type), { defaultValue: t('customers.timeline.generic', { type }) });
}

/** Whether the page knows this event type (it has a label of its own). */
export function knownType(t: TFunction, type: string): boolean {
  return t(typeKey(type), { defaultValue: '' }) !== '';
}

const fieldGroup = 'profileField';

function str(v: unknown): string | null {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
}

/** The summary line of an entry: known payload keys read in words, anything else as `key: value`. */
export function timelineSummary(t: TFunction, entry: TimelineEntry): string {
  const s = entry.summary;
  const parts: string[] = [];
  const used = new Set<string>();
  const take = (k: string) => {
    used.add(k);
    return s[k];
  };
  const fields = take('fields');
  if (Array.isArray(fields) && fields.length > 0) {
    parts.push(
      t('customers.timeline.summary.fields', {
        fields: fields.map((f) => codeLabel(t, fieldGroup, String(f))).join(t('customers.timeline.listSeparator')),
      }),
    );
  }
  const kind = str(take('kind'));
  if (kind) {
    const group = entry.type.includes('relationship')
      ? 'relationship'
      : entry.type.startsWith('customer.contact')
        ? 'contactKind'
        : null;
    parts.push(group ? codeLabel(t, group, kind) : t('customers.timeline.summary.kind', { kind }));
  }
  const level = str(take('level'));
  const previous = str(take('previousLevel'));
  if (level) {
    parts.push(
      previous
        ? t('customers.timeline.summary.levelChange', { from: previous, to: level })
        : t('customers.timeline.summary.level', { level }),
    );
  } else if (previous) used.add('previousLevel');
  const title = str(take('title'));
  if (title) parts.push(title);
  const customerNo = str(take('customerNo'));
  if (customerNo) parts.push(t('customers.timeline.summary.customerNo', { customerNo }));
  const reason = str(take('reason'));
  if (reason) parts.push(t('customers.timeline.summary.reason', { reason: codeLabel(t, 'timelineReason', reason) }));
  // ids are noise to a reader; other simple values are shown as they are
  for (const [k, v] of Object.entries(s)) {
    if (used.has(k) || /id$/i.test(k) || /Ids?$/.test(k)) continue;
    const text = str(v) ?? (typeof v === 'boolean' ? String(v) : null);
    if (text !== null) parts.push(`${k}: ${text}`);
  }
  return parts.join(' · ');
}
