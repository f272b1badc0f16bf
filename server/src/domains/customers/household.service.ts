import type { Actor } from '../../kernel/actor';
import { emitEvents } from '../../kernel/events/events';
import { newId } from '../../kernel/ids';
import { customerError } from './customer.errors';
import * as repo from './customer.repository';
import type {
  AddRelationshipInput,
  HouseholdSection,
  HouseholdView,
  JoinHouseholdInput,
  RelationshipView,
} from './customer.schema';
import { auditCustomer, type CustomerDeps, customerInScope, customerScope, type RequestMeta } from './customer.service';
import { maskedName } from './customer.view';

/**
 * Households (家庭) and relationships between customers. A household's AUM
 * rolls up over the members the viewer may see; members outside the
 * viewer's scope show only a masked name and no figures (DS-05).
 */

const outsider = { roles: [] as string[], scope: { kind: 'all' as const } };

function memberName(actor: Actor, inScope: boolean, row: { kind: 'individual' | 'organisation'; name: string }) {
  // out of scope: the name at the strictest default mask, whatever the viewer's role
  return inScope ? maskedName(actor, row) : maskedName({ ...actor, ...outsider }, row);
}

export async function householdSection(
  deps: CustomerDeps,
  actor: Actor,
  customerId: string,
): Promise<HouseholdSection> {
  const scope = customerScope(actor);
  const [members, rels] = await Promise.all([
    repo.householdsOf(deps.db, customerId, scope),
    repo.relationshipsOf(deps.db, customerId, scope),
  ]);
  const byHousehold = new Map<string, HouseholdView>();
  for (const m of members) {
    const h = byHousehold.get(m.householdId) ?? {
      id: m.householdId,
      name: m.householdName,
      members: [],
      aum: 0,
      membersOutOfScope: 0,
    };
    const visible = m.inScope || m.customerId === customerId;
    h.members.push({
      customerId: visible ? m.customerId : null,
      name: memberName(actor, visible, m),
      role: m.role,
      inScope: visible,
      aum: visible ? m.aum : null,
    });
    if (visible) h.aum += m.aum;
    else h.membersOutOfScope += 1;
    byHousehold.set(m.householdId, h);
  }
  const relationships: RelationshipView[] = rels.map((r) => {
    const outgoing = r.customerId === customerId;
    const otherId = outgoing ? r.relatedCustomerId : r.customerId;
    return {
      id: r.id,
      kind: r.kind,
      direction: outgoing ? 'outgoing' : 'incoming',
      otherCustomerId: r.otherInScope ? otherId : null,
      otherName: memberName(actor, r.otherInScope, { kind: r.otherKind, name: r.otherName }),
      inScope: r.otherInScope,
      createdAt: r.createdAt.toISOString(),
    };
  });
  return { households: [...byHousehold.values()], relationships };
}

/** The household section of a customer in the actor's scope (404 otherwise). */
export async function customerHousehold(deps: CustomerDeps, actor: Actor, customerId: string) {
  await customerInScope(deps, actor, customerId);
  return householdSection(deps, actor, customerId);
}

function event(customerId: string, actor: Actor, type: string, payload: Record<string, unknown>) {
  return { type, aggregateType: 'customer', aggregateId: customerId, customerId, actorId: actor.userId, payload };
}

/** Put a customer in a household: an existing one (whose members the actor can see) or a new one. */
export async function joinHousehold(
  deps: CustomerDeps,
  actor: Actor,
  customerId: string,
  input: JoinHouseholdInput,
  meta?: RequestMeta,
): Promise<HouseholdSection> {
  await deps.db.transaction(async (tx) => {
    await customerInScope(deps, actor, customerId, { tx, lock: true });
    const now = deps.clock.now();
    let householdId = input.householdId;
    if (householdId) {
      const h = await repo.findHousehold(tx, householdId);
      // a household is found only through a member the actor can see
      if (!h || (await repo.householdMembersInScope(tx, householdId, customerScope(actor))) === 0)
        throw customerError('customer.household_not_found', 'No such household');
    } else {
      householdId = newId('household');
      await repo.insertHousehold(tx, { id: householdId, name: input.name ?? '', createdAt: now, updatedAt: now });
    }
    const added = await repo.addHouseholdMember(tx, { householdId, customerId, role: input.role, joinedAt: now });
    if (!added) {
      throw customerError('customer.relationship_exists', 'The customer is already in this household', {
        field: 'householdId',
      });
    }
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.household_join',
      subjectType: 'household',
      subjectId: householdId,
      customerId,
      changes: { role: input.role, created: !input.householdId },
    });
    await emitEvents(tx, deps.clock, [event(customerId, actor, 'customer.household_joined', { householdId })]);
  });
  return householdSection(deps, actor, customerId);
}

export async function leaveHousehold(
  deps: CustomerDeps,
  actor: Actor,
  customerId: string,
  householdId: string,
  meta?: RequestMeta,
): Promise<HouseholdSection> {
  await deps.db.transaction(async (tx) => {
    await customerInScope(deps, actor, customerId, { tx, lock: true });
    if (!(await repo.removeHouseholdMember(tx, householdId, customerId))) {
      throw customerError('customer.household_not_found', 'The customer is not in this household');
    }
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.household_leave',
      subjectType: 'household',
      subjectId: householdId,
      customerId,
    });
    await emitEvents(tx, deps.clock, [event(customerId, actor, 'customer.household_left', { householdId })]);
  });
  return householdSection(deps, actor, customerId);
}

export async function addRelationship(
  deps: CustomerDeps,
  actor: Actor,
  customerId: string,
  input: AddRelationshipInput,
  meta?: RequestMeta,
): Promise<HouseholdSection> {
  if (input.relatedCustomerId === customerId) {
    throw customerError('customer.invalid_relationship', 'relatedCustomerId: a customer cannot relate to itself', {
      field: 'relatedCustomerId',
    });
  }
  await deps.db.transaction(async (tx) => {
    await customerInScope(deps, actor, customerId, { tx, lock: true });
    // both ends must be visible to the actor, so linking reveals nothing
    await customerInScope(deps, actor, input.relatedCustomerId, { tx });
    const id = newId('relationship');
    const added = await repo.insertRelationship(tx, {
      id,
      customerId,
      relatedCustomerId: input.relatedCustomerId,
      kind: input.kind,
      createdBy: actor.userId,
      createdAt: deps.clock.now(),
    });
    if (!added) throw customerError('customer.relationship_exists', 'This relationship is already recorded');
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.relationship_add',
      subjectType: 'relationship',
      subjectId: id,
      customerId,
      changes: { kind: input.kind, relatedCustomerId: input.relatedCustomerId },
    });
    await emitEvents(tx, deps.clock, [
      event(customerId, actor, 'customer.relationship_added', {
        kind: input.kind,
        relatedCustomerId: input.relatedCustomerId,
      }),
      event(input.relatedCustomerId, actor, 'customer.relationship_added', {
        kind: input.kind,
        relatedCustomerId: customerId,
      }),
    ]);
  });
  return householdSection(deps, actor, customerId);
}

export async function removeRelationship(
  deps: CustomerDeps,
  actor: Actor,
  customerId: string,
  relationshipId: string,
  meta?: RequestMeta,
): Promise<HouseholdSection> {
  await deps.db.transaction(async (tx) => {
    await customerInScope(deps, actor, customerId, { tx, lock: true });
    const removed = await repo.deleteRelationship(tx, customerId, relationshipId);
    if (!removed) throw customerError('customer.relationship_not_found', 'No such relationship');
    await auditCustomer(tx, deps.clock, actor, meta, {
      action: 'customer.relationship_remove',
      subjectType: 'relationship',
      subjectId: relationshipId,
      customerId,
      changes: { kind: removed.kind },
    });
    await emitEvents(tx, deps.clock, [
      event(customerId, actor, 'customer.relationship_removed', { kind: removed.kind }),
    ]);
  });
  return householdSection(deps, actor, customerId);
}
