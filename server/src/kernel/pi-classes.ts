/**
 * DS-01: the class of every column of every customer-owned table.
 * C3 authentication data (PIN, CVV, track data, OTP, passwords) is never
 * stored (DS-02), so no column is C3. `pi-classes.test.ts` fails when a
 * column of a customer-owned table is missing here, so a new column cannot
 * reach a migration without a class.
 *
 * Key: `table.column` (SQL names).
 */
export type PiClass = 'C1' | 'C2' | 'C3';

export const piClasses: Readonly<Record<string, PiClass>> = {
  // customers (customers.tables.ts)
  'customers.id': 'C1',
  'customers.customer_no': 'C1',
  'customers.kind': 'C1',
  'customers.name': 'C2',
  'customers.name_pinyin': 'C2',
  'customers.name_initials': 'C2',
  'customers.gender': 'C2',
  'customers.birth_date': 'C2',
  'customers.id_type': 'C1',
  'customers.id_number_enc': 'C2',
  // a keyed hash of a C2 value: classed with the value
  'customers.id_number_bidx': 'C2',
  'customers.nationality': 'C1',
  'customers.occupation': 'C2',
  'customers.employer': 'C2',
  'customers.education': 'C2',
  'customers.income_band': 'C2',
  'customers.home_unit_id': 'C1',
  'customers.rm_id': 'C1',
  'customers.status': 'C1',
  'customers.onboarded_on': 'C1',
  'customers.risk_level': 'C1',
  'customers.risk_expires_at': 'C1',
  'customers.tier': 'C1',
  'customers.lifecycle_stage': 'C1',
  'customers.aum': 'C2',
  'customers.liabilities': 'C2',
  'customers.tags': 'C1',
  'customers.preferences': 'C1',
  'customers.last_verified_at': 'C1',
  'customers.merged_into': 'C1',
  'customers.created_at': 'C1',
  'customers.updated_at': 'C1',
  'customers.version': 'C1',
  // customer_contacts
  'customer_contacts.id': 'C1',
  'customer_contacts.customer_id': 'C1',
  'customer_contacts.kind': 'C1',
  'customer_contacts.value_enc': 'C2',
  'customer_contacts.value_bidx': 'C2',
  'customer_contacts.label': 'C1',
  'customer_contacts.is_primary': 'C1',
  'customer_contacts.verified': 'C1',
  'customer_contacts.created_at': 'C1',
  'customer_contacts.updated_at': 'C1',
  // holdings
  'holdings.id': 'C1',
  'holdings.customer_id': 'C1',
  'holdings.external_id': 'C1',
  'holdings.product_type': 'C1',
  'holdings.product_code': 'C1',
  'holdings.product_name': 'C1',
  'holdings.account_no_enc': 'C2',
  'holdings.balance': 'C2',
  'holdings.currency': 'C1',
  // DS-01: account opening time is C1
  'holdings.opened_on': 'C1',
  'holdings.maturity_on': 'C1',
  'holdings.status': 'C1',
  'holdings.updated_at': 'C1',
  // customer_monthly_aggregates: transaction information is C2
  'customer_monthly_aggregates.customer_id': 'C1',
  'customer_monthly_aggregates.month': 'C1',
  'customer_monthly_aggregates.tx_count': 'C2',
  'customer_monthly_aggregates.inflow': 'C2',
  'customer_monthly_aggregates.outflow': 'C2',
  // risk_assessments (customers/risk)
  'risk_assessments.id': 'C1',
  'risk_assessments.customer_id': 'C1',
  'risk_assessments.questionnaire_id': 'C1',
  'risk_assessments.questionnaire_version': 'C1',
  // answers describe income, assets and experience
  'risk_assessments.answers': 'C2',
  'risk_assessments.score': 'C1',
  'risk_assessments.level': 'C1',
  'risk_assessments.previous_level': 'C1',
  'risk_assessments.status': 'C1',
  'risk_assessments.channel': 'C1',
  'risk_assessments.signature_ref': 'C1',
  'risk_assessments.assessed_at': 'C1',
  'risk_assessments.expires_at': 'C1',
  'risk_assessments.confirmed_at': 'C1',
  'risk_assessments.superseded_at': 'C1',
  'risk_assessments.invalidated_at': 'C1',
  'risk_assessments.invalidation_reason': 'C1',
  'risk_assessments.actor_id': 'C1',
  'risk_assessments.created_at': 'C1',
  // profile_refresh_due, customer_merges (customers/quality)
  'profile_refresh_due.customer_id': 'C1',
  'profile_refresh_due.due_since': 'C1',
  'profile_refresh_due.reason': 'C1',
  'profile_refresh_due.detected_at': 'C1',
  'customer_merges.id': 'C1',
  'customer_merges.survivor_id': 'C1',
  'customer_merges.merged_id': 'C1',
  'customer_merges.reason': 'C1',
  'customer_merges.moves': 'C1',
  // copies of customer fields as they were before the merge
  'customer_merges.before': 'C2',
  'customer_merges.merged_at': 'C1',
  'customer_merges.actor_id': 'C1',
  'customer_merges.undone_at': 'C1',
  'customer_merges.undone_by': 'C1',
  // households, household_members, customer_relationships, customer_timeline (customers)
  'households.id': 'C1',
  'households.name': 'C1',
  'households.created_at': 'C1',
  'households.updated_at': 'C1',
  'household_members.household_id': 'C1',
  'household_members.customer_id': 'C1',
  'household_members.role': 'C1',
  'household_members.joined_at': 'C1',
  'customer_relationships.id': 'C1',
  'customer_relationships.customer_id': 'C1',
  'customer_relationships.related_customer_id': 'C1',
  'customer_relationships.kind': 'C1',
  'customer_relationships.created_by': 'C1',
  'customer_relationships.created_at': 'C1',
  'customer_timeline.id': 'C1',
  'customer_timeline.event_id': 'C1',
  'customer_timeline.customer_id': 'C1',
  'customer_timeline.occurred_at': 'C1',
  'customer_timeline.type': 'C1',
  'customer_timeline.actor_id': 'C1',
  // free-form event payloads, like outbox_events.payload
  'customer_timeline.summary': 'C2',
  // outbox_events (kernel/events): payloads carry ids, but are free-form
  'outbox_events.id': 'C1',
  'outbox_events.type': 'C1',
  'outbox_events.aggregate_type': 'C1',
  'outbox_events.aggregate_id': 'C1',
  'outbox_events.customer_id': 'C1',
  'outbox_events.actor_id': 'C1',
  'outbox_events.payload': 'C2',
  'outbox_events.occurred_at': 'C1',
  'outbox_events.published_at': 'C1',
  'outbox_events.attempts': 'C1',
  'outbox_events.last_error': 'C1',
  // audit_log (domains/audit): C2 values are stripped from `changes` before writing
  'audit_log.id': 'C1',
  'audit_log.seq': 'C1',
  'audit_log.at': 'C1',
  'audit_log.actor_id': 'C1',
  'audit_log.actor_roles': 'C1',
  'audit_log.actor_unit_id': 'C1',
  'audit_log.action': 'C1',
  'audit_log.subject_type': 'C1',
  'audit_log.subject_id': 'C1',
  'audit_log.customer_id': 'C1',
  'audit_log.request_id': 'C1',
  // the staff member's address, not the customer's
  'audit_log.ip': 'C1',
  'audit_log.channel': 'C1',
  'audit_log.reason': 'C1',
  'audit_log.changes': 'C1',
  'audit_log.prev_hash': 'C1',
  'audit_log.hash': 'C1',
  // engagement (domains/engagement): notes, titles and evidence are free text about the customer (C2)
  'interactions.id': 'C1',
  'interactions.customer_id': 'C1',
  'interactions.staff_id': 'C1',
  'interactions.channel': 'C1',
  'interactions.direction': 'C1',
  'interactions.purpose': 'C1',
  'interactions.outcome': 'C1',
  'interactions.notes': 'C2',
  'interactions.occurred_at': 'C1',
  'interactions.next_action': 'C2',
  'interactions.next_action_at': 'C1',
  'interactions.next_task_id': 'C1',
  'interactions.completed_task_id': 'C1',
  'interactions.created_at': 'C1',
  'customer_last_contact.customer_id': 'C1',
  'customer_last_contact.last_contact_at': 'C1',
  'customer_last_contact.interaction_id': 'C1',
  'tasks.id': 'C1',
  'tasks.customer_id': 'C1',
  'tasks.owner_id': 'C1',
  'tasks.unit_id': 'C1',
  'tasks.kind': 'C1',
  'tasks.category': 'C1',
  'tasks.title': 'C2',
  'tasks.description': 'C2',
  'tasks.priority': 'C1',
  'tasks.status': 'C1',
  'tasks.due_at': 'C1',
  'tasks.source_domain': 'C1',
  'tasks.source_type': 'C1',
  'tasks.source_id': 'C1',
  'tasks.source_event_id': 'C1',
  'tasks.dedupe_key': 'C1',
  'tasks.created_by': 'C1',
  'tasks.created_at': 'C1',
  'tasks.updated_at': 'C1',
  'tasks.started_at': 'C1',
  'tasks.completed_at': 'C1',
  'tasks.completed_by': 'C1',
  'tasks.outcome_notes': 'C2',
  'tasks.cancel_reason': 'C2',
  'tasks.escalated_at': 'C1',
  'tasks.escalated_to': 'C1',
  'task_escalations.id': 'C1',
  'task_escalations.task_id': 'C1',
  'task_escalations.customer_id': 'C1',
  'task_escalations.manager_id': 'C1',
  'task_escalations.alert_task_id': 'C1',
  'task_escalations.overdue_hours': 'C1',
  'task_escalations.escalated_at': 'C1',
  'sop_runs.id': 'C1',
  'sop_runs.customer_id': 'C1',
  'sop_runs.template_id': 'C1',
  'sop_runs.steps': 'C1',
  'sop_runs.status': 'C1',
  'sop_runs.task_id': 'C1',
  'sop_runs.started_by': 'C1',
  'sop_runs.started_at': 'C1',
  'sop_runs.completed_at': 'C1',
  'sop_run_steps.run_id': 'C1',
  'sop_run_steps.step_key': 'C1',
  'sop_run_steps.customer_id': 'C1',
  'sop_run_steps.done_by': 'C1',
  'sop_run_steps.done_at': 'C1',
  'sop_run_steps.evidence': 'C2',
  // consent (consent.tables.ts) and messaging (messaging.tables.ts)
  'consent_records.id': 'C1',
  'consent_records.customer_id': 'C1',
  'consent_records.purpose': 'C1',
  'consent_records.channel': 'C1',
  'consent_records.action': 'C1',
  'consent_records.source': 'C1',
  'consent_records.evidence': 'C2',
  'consent_records.notice_version': 'C1',
  'consent_records.recorded_by': 'C1',
  'consent_records.occurred_at': 'C1',
  'consent_records.created_at': 'C1',
  'consent_state.customer_id': 'C1',
  'consent_state.purpose': 'C1',
  'consent_state.channel': 'C1',
  'consent_state.status': 'C1',
  'consent_state.record_id': 'C1',
  'consent_state.updated_at': 'C1',
  'contact_dnd.customer_id': 'C1',
  'contact_dnd.reason': 'C1',
  'contact_dnd.until': 'C1',
  'contact_dnd.added_by': 'C1',
  'contact_dnd.created_at': 'C1',
  'contact_log.id': 'C1',
  'contact_log.customer_id': 'C1',
  'contact_log.channel': 'C1',
  'contact_log.source_type': 'C1',
  'contact_log.source_id': 'C1',
  'contact_log.occurred_at': 'C1',
  'contact_suppressions.id': 'C1',
  'contact_suppressions.customer_id': 'C1',
  'contact_suppressions.channel': 'C1',
  'contact_suppressions.purpose': 'C1',
  'contact_suppressions.reason': 'C1',
  'contact_suppressions.deferred_until': 'C1',
  'contact_suppressions.source_type': 'C1',
  'contact_suppressions.source_id': 'C1',
  'contact_suppressions.detail': 'C1',
  'contact_suppressions.occurred_at': 'C1',
  'messages.id': 'C1',
  'messages.idempotency_key': 'C1',
  'messages.customer_id': 'C1',
  'messages.template_id': 'C1',
  'messages.channel': 'C1',
  'messages.kind': 'C1',
  'messages.language': 'C1',
  'messages.message_subject': 'C2',
  'messages.content_text': 'C2',
  'messages.status': 'C1',
  'messages.attempts': 'C1',
  'messages.last_error': 'C1',
  'messages.provider_message_id': 'C1',
  'messages.not_before': 'C1',
  'messages.sent_at': 'C1',
  'messages.delivered_at': 'C1',
  'messages.failed_at': 'C1',
  'messages.suppression_reason': 'C1',
  'messages.source_type': 'C1',
  'messages.source_id': 'C1',
  'messages.created_by': 'C1',
  'messages.created_at': 'C1',
  'messages.updated_at': 'C1',
  'inbox_items.id': 'C1',
  'inbox_items.customer_id': 'C1',
  'inbox_items.message_id': 'C1',
  'inbox_items.inbox_title': 'C2',
  'inbox_items.content_text': 'C2',
  'inbox_items.read_at': 'C1',
  'inbox_items.created_at': 'C1',
  'inbound_replies.id': 'C1',
  'inbound_replies.channel': 'C1',
  'inbound_replies.sender_bidx': 'C2',
  'inbound_replies.customer_id': 'C1',
  'inbound_replies.reply_text': 'C2',
  'inbound_replies.outcome': 'C1',
  'inbound_replies.provider_message_id': 'C1',
  'inbound_replies.received_at': 'C1',
};

/** Tables without a customer_id column that still hold customer data (the test checks them too). */
export const customerTablesWithoutCustomerId: readonly string[] = ['customers', 'customer_merges'];

/** Normalise a field or column name for comparison: `id_number_enc`, `idNumber` -> `idnumber`. */
export function normalizeFieldName(name: string): string {
  return name
    .replace(/_(enc|bidx)$/, '')
    .replace(/(Enc|Bidx)$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

// Generic container columns whose names would match unrelated keys
// (`before`/`payload` in a diff); their contents are checked key by key.
const containerColumns = new Set(['outbox_events.payload', 'customer_merges.before']);

// Names under which C2 values travel in code (API fields, contact kinds).
const c2Aliases = [
  'idNumber',
  'idNo',
  'mobile',
  'phone',
  'email',
  'address',
  'wechat',
  'accountNo',
  'accountNumber',
  'cardNo',
  'cardNumber',
  'birthday',
];

/**
 * Normalised field names whose values are C2 or above, for defensive
 * stripping (audit `changes`, logs). Compare with `isC2FieldName`.
 */
export const c2FieldNames: ReadonlySet<string> = new Set([
  ...Object.entries(piClasses)
    .filter(([key, c]) => c !== 'C1' && !containerColumns.has(key))
    .map(([key]) => normalizeFieldName(key.split('.')[1] ?? key)),
  ...c2Aliases.map(normalizeFieldName),
]);

export function isC2FieldName(name: string): boolean {
  return c2FieldNames.has(normalizeFieldName(name));
}

/**
 * DS-02: names of C3 data the CRM must never have a field for, matched on
 * whole words of a snake_case or camelCase name (`name_pinyin` is not a PIN).
 */
export const c3NamePattern = /(^|_)(pin|pins|cvv2?|cvn2?|cvc2?|track[0-9]?|otp|password|passwd)(_|$)/;

export function looksLikeC3Name(name: string): boolean {
  const snake = name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return c3NamePattern.test(snake);
}
