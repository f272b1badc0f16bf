import type { Actor } from '../../kernel/actor';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { customerError } from './customer.errors';
import * as repo from './customer.repository';
import type { AddContactInput, ContactView, RevealInput, UpdateContactInput } from './customer.schema';
import { auditCustomer, type CustomerDeps, customerInScope, type RequestMeta } from './customer.service';
import { contactView } from './customer.view';
import { validateMobile } from './identity';
import { encryptedFields, protectContact } from './protect';

/** Contact points (several phones, emails, addresses, WeChat ids; one primary per kind) and the audited reveal. */

function normaliseContact(kind: AddContactInput['kind'], value: string): string {
  switch (kind) {
    case 'mobile': {
      const m = validateMobile(value);
      if (!m.ok) throw customerError('customer.invalid_contact', `value: ${m.reason}`, { field: 'value' });
      return m.normalized;
    }
    case 'email':
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
        throw customerError('customer.invalid_contact', 'value: not an email address', { field: 'value' });
      }
      return value.trim();
    case 'phone':
      if (!/^[+\d][\d\s()-]{4,24}$/.test(value)) {
        throw customerError('customer.invalid_contact', 'value: not a phone number', { field: 'value' });
      }
      return value.trim();
    default:
      return value.trim();
  }
}

export async function listContacts(deps: CustomerDeps, actor: Actor, customerId: string): Promise<ContactView[]> {
  await customerInScope(deps, actor, customerId);
  return (await repo.contactsOf(deps.db, customerId)).map((c) => contactView(actor, deps.crypto, c));
}

function contactEvent(customerId: string, actor: Actor, type: string, payload: Record<string, unknown>) {
  return { type, aggregateType: 'customer', aggregateId: customerId, customerId, actorId: actor.userId, payload };
}

export async function addContact(
  deps: CustomerDeps,
  actor: Actor,
  customerId: string,
  input: AddContactInput,
  meta?: RequestMeta,
): Promise<ContactView> {
  const value = normaliseContact(input.kind, input.value);
  const id = newId('contact');
  await deps.db.transaction(async (tx) => {
    await customerInScope(deps, actor, customerId, { tx, lock: true });
    const now = deps.clock.now();
    const existing = (await repo.contactsOf(tx, customerId)).filter((c) => c.kind === input.kind);
    // the first contact of a kind is its primary
    const isPrimary = input.isPrimary || existing.length === 0;
    if (isPrimary) await repo.clearPrimary(tx, customerId, input.kind, now);
    await repo.insertContacts(tx, [
      {
        id,
        customerId,
        kind: input.kind,
        ...protectContact(deps.crypto, input.kind, value),
        label: input.label ?? null,
        isPrimary,
        verified: input.verified,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.contact_add',
      subjectType: 'contact',
      subjectId: id,
      customerId,
      changes: { kind: input.kind, isPrimary, verified: input.verified },
    });
    await emitEvents(tx, deps.clock, [contactEvent(customerId, actor, 'customer.contact_added', { kind: input.kind })]);
  });
  const row = await repo.findContact(deps.db, customerId, id);
  if (!row) throw customerError('customer.contact_not_found', 'No such contact');
  return contactView(actor, deps.crypto, row);
}

export async function updateContact(
  deps: CustomerDeps,
  actor: Actor,
  customerId: string,
  contactId: string,
  input: UpdateContactInput,
  meta?: RequestMeta,
): Promise<ContactView> {
  await deps.db.transaction(async (tx) => {
    await customerInScope(deps, actor, customerId, { tx, lock: true });
    const row = await repo.findContact(tx, customerId, contactId);
    if (!row) throw customerError('customer.contact_not_found', 'No such contact');
    const now = deps.clock.now();
    const set: Parameters<typeof repo.updateContactRow>[2] = { updatedAt: now };
    const fields: string[] = [];
    if (input.value !== undefined) {
      Object.assign(set, protectContact(deps.crypto, row.kind, normaliseContact(row.kind, input.value)));
      // a changed number is not verified until checked again
      set.verified = input.verified ?? false;
      fields.push('value');
    }
    if (input.label !== undefined) {
      set.label = input.label;
      fields.push('label');
    }
    if (input.verified !== undefined) {
      set.verified = input.verified;
      fields.push('verified');
    }
    if (input.isPrimary === true && !row.isPrimary) {
      await repo.clearPrimary(tx, customerId, row.kind, now);
      set.isPrimary = true;
      fields.push('isPrimary');
    }
    if (input.isPrimary === false && row.isPrimary) {
      throw customerError('customer.invalid_contact', 'isPrimary: make another contact primary instead', {
        field: 'isPrimary',
      });
    }
    await repo.updateContactRow(tx, contactId, set);
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.contact_update',
      subjectType: 'contact',
      subjectId: contactId,
      customerId,
      changes: { kind: row.kind, fields },
    });
    await emitEvents(tx, deps.clock, [
      contactEvent(customerId, actor, 'customer.contact_updated', { kind: row.kind, fields }),
    ]);
  });
  const row = await repo.findContact(deps.db, customerId, contactId);
  if (!row) throw customerError('customer.contact_not_found', 'No such contact');
  return contactView(actor, deps.crypto, row);
}

export async function removeContact(
  deps: CustomerDeps,
  actor: Actor,
  customerId: string,
  contactId: string,
  meta?: RequestMeta,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await customerInScope(deps, actor, customerId, { tx, lock: true });
    const row = await repo.findContact(tx, customerId, contactId);
    if (!row) throw customerError('customer.contact_not_found', 'No such contact');
    await repo.deleteContactRow(tx, contactId);
    if (row.isPrimary) {
      // the oldest remaining contact of the kind becomes primary
      const next = (await repo.contactsOf(tx, customerId)).find((c) => c.kind === row.kind);
      if (next) await repo.updateContactRow(tx, next.id, { isPrimary: true, updatedAt: deps.clock.now() });
    }
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.contact_remove',
      subjectType: 'contact',
      subjectId: contactId,
      customerId,
      changes: { kind: row.kind },
    });
    await emitEvents(tx, deps.clock, [contactEvent(customerId, actor, 'customer.contact_removed', { kind: row.kind })]);
  });
}

/**
 * DS-04 / AUD-02: show one masked field in full, for a stated reason. Every
 * reveal is audited (who, which field of which customer, why) in the same
 * transaction that reads the value.
 */
export async function revealField(
  deps: CustomerDeps,
  actor: Actor,
  customerId: string,
  input: RevealInput,
  meta?: RequestMeta,
): Promise<{ field: RevealInput['field']; value: string }> {
  return deps.db.transaction(async (tx) => {
    const c = await customerInScope(deps, actor, customerId, { tx });
    let value: string | null = null;
    let subject = { type: 'customer', id: customerId };
    const contacts = async (kind: string) => (await repo.contactsOf(tx, customerId)).filter((x) => x.kind === kind);
    switch (input.field) {
      case 'idNumber':
        value = deps.crypto.decrypt(encryptedFields.idNumber, c.idNumberEnc);
        break;
      case 'name':
        value = c.name;
        break;
      case 'mobile':
      case 'email':
      case 'address': {
        const list = await contacts(input.field);
        const pick = input.targetId
          ? list.find((x) => x.id === input.targetId)
          : (list.find((x) => x.isPrimary) ?? list[0]);
        if (pick) {
          value = deps.crypto.decrypt(encryptedFields.contact, pick.valueEnc);
          subject = { type: 'contact', id: pick.id };
        }
        break;
      }
      case 'contact': {
        const pick = input.targetId ? await repo.findContact(tx, customerId, input.targetId) : null;
        if (pick) {
          value = deps.crypto.decrypt(encryptedFields.contact, pick.valueEnc);
          subject = { type: 'contact', id: pick.id };
        }
        break;
      }
      case 'account': {
        const h = input.targetId ? await repo.findHolding(tx, customerId, input.targetId) : null;
        if (h?.accountNoEnc) {
          value = deps.crypto.decrypt(encryptedFields.account, h.accountNoEnc);
          subject = { type: 'holding', id: h.id };
        }
        break;
      }
    }
    if (value === null) throw customerError('customer.nothing_to_reveal', 'There is no such value to reveal');
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.reveal',
      subjectType: subject.type,
      subjectId: subject.id,
      customerId,
      reason: input.reason,
      changes: { field: input.field },
    });
    return { field: input.field, value };
  });
}
