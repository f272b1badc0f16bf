import { systemActor } from '../../kernel/actor';
import { auditContext, recordAudit } from '../audit';
import { enqueueMessages, kickSendBatch, type TemplateRow, templatesByIds } from '../messaging';
import * as repo from './campaign.repository';
import { loadCampaign } from './campaign.service';
import type { CampaignDeps } from './campaigns.deps';
import type { CampaignChannel } from './campaigns.tables';

/** Start the scheduled campaigns whose time has come (scheduled -> running), audited. */
export async function startDueCampaigns(deps: CampaignDeps): Promise<string[]> {
  const now = deps.clock.now();
  const started: string[] = [];
  for (const id of await repo.dueCampaignIds(deps.db, now)) {
    await deps.db.transaction(async (tx) => {
      const c = await loadCampaign(tx, id, true);
      if (c.status !== 'scheduled' || c.scheduledAt > now) return;
      await repo.updateCampaign(tx, id, { status: 'running', startedAt: now, updatedAt: now });
      await recordAudit(tx, deps.clock, {
        ...auditContext(systemActor),
        action: 'campaign.running',
        subjectType: 'campaign',
        subjectId: id,
        changes: { status: { from: 'scheduled', to: 'running' } },
      });
      started.push(id);
    });
  }
  return started;
}

/**
 * Throttled execution, set-based: claim at most `limit` of a running
 * campaign's undispatched target members (locked, so two runners never take
 * the same ones), queue their messages in bulk through messaging (one
 * message per member, keyed `campaign:<id>:<customer>` so a re-run never
 * sends twice), mark them dispatched in one statement, and after the commit
 * hand the new messages to batched send jobs. The contact gate applies again
 * when each batch is sent (consent, DND, caps, quiet hours). When every
 * target member is dispatched the campaign is completed.
 */
export async function dispatchCampaign(
  deps: CampaignDeps,
  id: string,
  limit = deps.config.campaignSendPerMinute,
): Promise<{ queued: number; completed: boolean }> {
  const now = deps.clock.now();
  const queued: string[] = [];
  const completed = await deps.db.transaction(async (tx) => {
    const c = await loadCampaign(tx, id, true);
    if (c.status !== 'running') return false;
    const templates = new Map<string, TemplateRow>(
      (await templatesByIds(tx, Object.values(c.templates) as string[])).map((t) => [t.id, t]),
    );
    const members = await repo.nextDispatch(tx, id, limit);
    const dispatched = new Map<string, string | null>(members.map((m) => [m.customerId, null]));
    for (const channel of new Set(members.map((m) => m.channel as CampaignChannel))) {
      const template = templates.get(c.templates[channel] ?? '');
      // a template retired since approval sends nothing (MKT-10): its members are dispatched without a message
      if (template?.status !== 'approved') continue;
      const key = (customerId: string) => `campaign:${id}:${customerId}`;
      const mine = members.filter((m) => m.channel === channel);
      const made = await enqueueMessages(tx, deps.msg, {
        template,
        sourceType: 'campaign',
        sourceId: id,
        createdBy: c.makerId,
        notBefore: now,
        items: mine.map((m) => ({ customerId: m.customerId, idempotencyKey: key(m.customerId) })),
      });
      for (const m of mine) {
        const msg = made.get(key(m.customerId));
        dispatched.set(m.customerId, msg?.id ?? null);
        if (msg?.created) queued.push(msg.id);
      }
    }
    await repo.markDispatchedMany(tx, id, [...dispatched], now);
    if ((await repo.undispatchedCount(tx, id)) > 0) return false;
    await repo.updateCampaign(tx, id, { status: 'completed', completedAt: now, updatedAt: now });
    await recordAudit(tx, deps.clock, {
      ...auditContext(systemActor),
      action: 'campaign.completed',
      subjectType: 'campaign',
      subjectId: id,
      changes: { status: { from: 'running', to: 'completed' } },
    });
    return true;
  });
  await kickSendBatch(deps.msg, queued);
  return { queued: queued.length, completed };
}

/** The campaign runner (every minute): start due campaigns, then one throttled batch of each running one. */
export async function runCampaigns(deps: CampaignDeps): Promise<number> {
  await startDueCampaigns(deps);
  let queued = 0;
  for (const id of await repo.runningCampaignIds(deps.db)) queued += (await dispatchCampaign(deps, id)).queued;
  return queued;
}
