import { MS } from '../../../kernel/clock';
import { type DomainEvent, emitEvents } from '../../../kernel/events/events';
import type { JobDefinition } from '../../../kernel/jobs/jobs';
import { type AuditEntry, recordAuditMany } from '../../audit';
import * as repo from '../complaint.repository';
import { step } from '../complaint-intake.service';
import { taskRequest } from '../complaint-workflow.service';
import type { ComplaintsDeps } from '../complaints.deps';

export type EscalationResult = { reminded: number; dueSoon: number; overdue: number; ms: number };

const labels: Record<repo.EscalationKind, string> = {
  reminder: '投诉即将到期提醒',
  due_soon: '投诉临近到期，已升级',
  overdue: '投诉已逾期，已升级',
};

/**
 * The regulatory clock's sweep (CMP-01, INT-FCA-02), every 15 minutes:
 * - a reminder to the handler N days before the due date;
 * - escalation to the branch manager when due soon and again when overdue.
 * Each happens once per clock (an extension or new facts clear the flags).
 * Set-based: one UPDATE flags a batch of up to `batchSize` complaints (each
 * batch resumes where the previous one stopped), then their history, audit
 * records (`recordAuditMany`, one chain lock) and events (the escalation and
 * engagement's `task.requested`) are written with one statement each, rows
 * as one JSON parameter, in the same transaction.
 */
export async function escalateComplaints(deps: ComplaintsDeps, batchSize = 5000): Promise<EscalationResult> {
  const started = performance.now();
  const now = deps.clock.now();
  const soon = new Date(now.getTime() + deps.config.complaintDueSoonDays * MS.day);
  const remind = new Date(now.getTime() + deps.config.complaintReminderDays * MS.day);
  const managerOf = new Map<string, string | null>();
  const windows: [repo.EscalationKind, { from: Date | null; to: Date }][] = [
    ['overdue', { from: null, to: now }],
    ['due_soon', { from: now, to: soon }],
    ['reminder', { from: soon, to: remind }],
  ];
  const counts: Record<repo.EscalationKind, number> = { reminder: 0, due_soon: 0, overdue: 0 };
  for (const [kind, window] of windows) {
    let after: repo.FlagCursor | null = null;
    for (;;) {
      const n = await deps.db.transaction(async (tx) => {
        const flagged = await repo.flagBatch(tx, kind, window, now, batchSize, after);
        const batch = flagged.rows;
        after = flagged.next;
        if (batch.length === 0) return 0;
        const events: DomainEvent[] = [];
        const audits: AuditEntry[] = [];
        for (const c of batch) {
          if (kind !== 'reminder' && !managerOf.has(c.unit_id)) {
            managerOf.set(c.unit_id, await repo.branchManagerOf(tx, c.unit_id));
          }
          const to = kind === 'reminder' ? c.handler_id : (managerOf.get(c.unit_id) ?? null);
          const dueAt = new Date(c.due_at);
          events.push({
            type: `complaint.${kind}`,
            aggregateType: 'complaint',
            aggregateId: c.id,
            customerId: c.customer_id,
            actorId: 'system',
            payload: { complaintId: c.id, reference: c.reference, dueAt: dueAt.toISOString(), notifiedId: to },
          });
          if (to) {
            events.push(
              ...taskRequest(
                { id: c.id, reference: c.reference, customerId: c.customer_id },
                {
                  kind: `complaint_${kind}`,
                  title: `${labels[kind]}：${c.reference}，应于${dueAt.toISOString().slice(0, 10)}前作出处理决定`,
                  ownerId: to,
                  dueAt: kind === 'overdue' ? new Date(now.getTime() + MS.day) : dueAt,
                  priority: kind === 'overdue' ? 'urgent' : 'high',
                },
                'system',
              ),
            );
          }
          audits.push({
            actorId: 'system',
            channel: 'job',
            action: `complaint.${kind}`,
            subjectType: 'complaint',
            subjectId: c.id,
            customerId: c.customer_id,
            changes: { notifiedId: to, dueAt: dueAt.toISOString() },
          });
        }
        await repo.insertHistory(
          tx,
          batch.map((c) => step(c.id, c.customer_id, kind, c.status, c.status, 'system', labels[kind], now)),
        );
        await emitEvents(tx, deps.clock, events);
        // last: the audit chain's lock is held from here to the commit
        await recordAuditMany(tx, deps.clock, audits);
        return batch.length;
      });
      counts[kind] += n;
      if (n < batchSize) break;
    }
  }
  return {
    reminded: counts.reminder,
    dueSoon: counts.due_soon,
    overdue: counts.overdue,
    ms: performance.now() - started,
  };
}

export function complaintEscalationJob(deps: ComplaintsDeps): JobDefinition {
  return {
    name: 'complaints.escalate',
    cron: '*/15 * * * *',
    expireInMinutes: 30,
    handler: async () => void (await escalateComplaints(deps)),
  };
}
