import { systemActor } from '../../kernel/actor';
import { auditContext, recordAudit } from '../audit';
import { enqueueMessage, kickSend, type TemplateRow, templatesByIds } from '../messaging';
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
 * Throttled execution: queue at most `limit` of a running campaign's target
 * members through messaging's queued sends (one message per member, keyed
 * `campaign:<id>:<customer>` so a re-run never sends twice). The contact gate
 * applies again when each message is sent (consent, DND, caps, quiet hours).
 * When every target member is dispatched the campaign is completed.
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
    for (const m of await repo.nextDispatch(tx, id, limit)) {
      const template = templates.get(c.templates[m.channel as CampaignChannel] ?? '');
      let messageId: string | null = null;
      if (template?.status === 'approved') {
        const made = await enqueueMessage(tx, deps.msg, {
          customerId: m.customerId,
          template,
          variables: {},
          idempotencyKey: `campaign:${id}:${m.customerId}`,
          sourceType: 'campaign',
          sourceId: id,
          createdBy: c.makerId,
          notBefore: now,
        });
        messageId = made.message.id;
        if (made.created) queued.push(messageId);
      }
      // a template retired since approval sends nothing (MKT-10): the member is dispatched without a message
      await repo.markDispatched(tx, id, m.customerId, messageId, now);
    }
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
  await kickSend(deps.msg, queued);
  return { queued: queued.length, completed };
}

/** The campaign runner (every minute): start due campaigns, then one throttled batch of each running one. */
export async function runCampaigns(deps: CampaignDeps): Promise<number> {
  await startDueCampaigns(deps);
  let queued = 0;
  for (const id of await repo.runningCampaignIds(deps.db)) queued += (await dispatchCampaign(deps, id)).queued;
  return queued;
}
