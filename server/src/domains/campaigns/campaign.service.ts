import type { Actor } from '../../kernel/actor';
import type { DbOrTx } from '../../kernel/db';
import { newId } from '../../kernel/ids';
import { decodeCursor, toPage } from '../../kernel/pagination';
import { auditContext, recordAudit } from '../audit';
import type { RequestMeta } from '../customers';
import { type TemplateRow, templatesByIds } from '../messaging';
import type { CampaignPorts } from './campaign.ports';
import * as repo from './campaign.repository';
import type { CampaignDeps } from './campaigns.deps';
import { campaignError } from './campaigns.errors';
import type { CampaignInput, CampaignView } from './campaigns.schema';
import type { CampaignChannel, CampaignRow, CampaignStatus } from './campaigns.tables';

type Deps = Pick<CampaignDeps, 'db' | 'clock' | 'config' | 'ports'>;

export function campaignView(c: CampaignRow): CampaignView {
  return {
    id: c.id,
    name: c.name,
    objective: c.objective,
    description: c.description,
    productId: c.productId,
    segmentId: c.segmentId,
    channels: c.channels,
    templates: c.templates,
    incentive: c.incentive,
    scheduledAt: c.scheduledAt.toISOString(),
    holdoutPercent: c.holdoutBp / 100,
    seed: c.seed,
    rankByPropensity: c.rankByPropensity === 'yes',
    maxAudience: c.maxAudience,
    attributionDays: c.attributionDays,
    status: c.status,
    funnel: c.funnel,
    makerId: c.makerId,
    checkerId: c.checkerId,
    reviewNote: c.reviewNote,
    startedAt: c.startedAt?.toISOString() ?? null,
    completedAt: c.completedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    version: c.version,
  };
}

export async function loadCampaign(db: DbOrTx, id: string, lock = false): Promise<CampaignRow> {
  const c = await repo.findCampaign(db, id, lock);
  if (!c) throw campaignError('campaign.not_found', 'No such campaign');
  return c;
}

/**
 * Check what a campaign refers to: approved marketing templates on the right
 * channels (MKT-10), an existing segment and product, and SUIT-11 (no points,
 * gifts or lotteries on a wealth-product campaign).
 */
async function checkReferences(
  db: DbOrTx,
  ports: Readonly<CampaignPorts>,
  actor: Actor,
  input: CampaignInput,
): Promise<void> {
  if (input.productId) {
    const product = await ports.product(db, input.productId);
    if (!product) {
      throw campaignError('campaign.product_not_found', 'productId: no such product in the catalogue', {
        field: 'productId',
      });
    }
    if (product.wealth && input.incentive !== 'none') {
      throw campaignError(
        'campaign.prohibited_inducement',
        `incentive: ${input.incentive} cannot be attached to a wealth-product campaign (SUIT-11: no selling by gifts, points or lotteries)`,
        { field: 'incentive', rule: 'SUIT-11' },
      );
    }
  }
  const members = await ports.segmentMembers(db, actor, input.segmentId);
  if (!members) throw campaignError('campaign.segment_not_found', 'segmentId: no such segment', { field: 'segmentId' });
  const ids = input.channels.map((c) => input.templates[c] as string);
  const found = new Map<string, TemplateRow>((await templatesByIds(db, ids)).map((t) => [t.id, t]));
  for (const ch of input.channels) {
    const t = found.get(input.templates[ch] as string);
    const field = `templates.${ch}`;
    if (!t) throw campaignError('campaign.invalid_input', `${field}: no such template`, { field });
    if (t.channel !== ch) {
      throw campaignError('campaign.invalid_input', `${field}: the template is for ${t.channel}, not ${ch}`, { field });
    }
    if (t.kind !== 'marketing') {
      throw campaignError('campaign.invalid_input', `${field}: a campaign sends marketing content only`, { field });
    }
    if (t.status !== 'approved') {
      throw campaignError('campaign.template_not_approved', `${field}: the template is not approved for use (MKT-10)`, {
        field,
      });
    }
  }
}

function fields(deps: Deps, input: CampaignInput, id: string) {
  const channels = input.channels as CampaignChannel[];
  return {
    name: input.name,
    objective: input.objective,
    description: input.description ?? null,
    productId: input.productId ?? null,
    segmentId: input.segmentId,
    channels,
    templates: Object.fromEntries(channels.map((c) => [c, input.templates[c] as string])),
    incentive: input.incentive,
    scheduledAt: new Date(input.scheduledAt),
    holdoutBp: Math.round((input.holdoutPercent ?? deps.config.campaignHoldoutPercent) * 100),
    seed: input.seed ?? id,
    rankByPropensity: input.rankByPropensity ? ('yes' as const) : ('no' as const),
    maxAudience: input.maxAudience ?? null,
    attributionDays: input.attributionDays ?? deps.config.campaignAttributionDays,
  };
}

/** Save a new draft campaign, audited. */
export async function createCampaign(
  deps: Deps,
  actor: Actor,
  input: CampaignInput,
  meta?: RequestMeta,
): Promise<CampaignView> {
  const id = newId('campaign');
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await checkReferences(tx, deps.ports(), actor, input);
    await repo.insertCampaign(tx, {
      id,
      ...fields(deps, input, id),
      status: 'draft',
      makerId: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'campaign.create',
      subjectType: 'campaign',
      subjectId: id,
      changes: { name: input.name, segmentId: input.segmentId, productId: input.productId ?? null },
    });
  });
  return campaignView(await loadCampaign(deps.db, id));
}

/** Replace a draft; its built audience is dropped (it must be built again). */
export async function updateCampaign(
  deps: Deps,
  actor: Actor,
  id: string,
  input: CampaignInput,
  meta?: RequestMeta,
): Promise<CampaignView> {
  await deps.db.transaction(async (tx) => {
    const c = await loadCampaign(tx, id, true);
    if (c.status !== 'draft')
      throw campaignError('campaign.invalid_transition', `A ${c.status} campaign cannot be edited`);
    await checkReferences(tx, deps.ports(), actor, input);
    await repo.clearMembers(tx, id);
    await repo.updateCampaign(tx, id, {
      ...fields(deps, input, c.id),
      seed: input.seed ?? c.seed,
      funnel: null,
      updatedAt: deps.clock.now(),
    });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, meta),
      action: 'campaign.update',
      subjectType: 'campaign',
      subjectId: id,
    });
  });
  return campaignView(await loadCampaign(deps.db, id));
}

/** Move a campaign along its state machine, audited; `check` may refuse. */
export async function transition(
  deps: Deps,
  actor: Actor,
  id: string,
  from: readonly CampaignStatus[],
  to: CampaignStatus,
  opts: { check?: (c: CampaignRow) => void; set?: Partial<CampaignRow>; reason?: string | null; meta?: RequestMeta },
): Promise<CampaignView> {
  await deps.db.transaction(async (tx) => {
    const c = await loadCampaign(tx, id, true);
    if (!from.includes(c.status)) {
      throw campaignError('campaign.invalid_transition', `A ${c.status} campaign cannot become ${to}`, {
        status: c.status,
      });
    }
    opts.check?.(c);
    await repo.updateCampaign(tx, id, { ...opts.set, status: to, updatedAt: deps.clock.now() });
    await recordAudit(tx, deps.clock, {
      ...auditContext(actor, opts.meta),
      action: `campaign.${to}`,
      subjectType: 'campaign',
      subjectId: id,
      reason: opts.reason ?? null,
      changes: { status: { from: c.status, to } },
    });
  });
  return campaignView(await loadCampaign(deps.db, id));
}

/** Submit a draft with a built audience for approval. */
export function submitCampaign(deps: Deps, actor: Actor, id: string, meta?: RequestMeta) {
  return transition(deps, actor, id, ['draft'], 'pending', {
    meta,
    set: { submittedAt: deps.clock.now() },
    check: (c) => {
      if (!c.funnel) throw campaignError('campaign.audience_not_built', 'Build the audience before submitting');
    },
  });
}

/** Approve (pending -> approved) or send back to draft with a reason; never the maker's own (AUD-03). */
export function reviewCampaign(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { decision: 'approve' | 'reject'; note: string },
  meta?: RequestMeta,
) {
  if (input.decision === 'reject' && !input.note) {
    throw campaignError('campaign.invalid_input', 'note: a rejection needs a reason', { field: 'note' });
  }
  return transition(deps, actor, id, ['pending'], input.decision === 'approve' ? 'approved' : 'draft', {
    meta,
    reason: input.note || null,
    set: { checkerId: actor.userId, reviewedAt: deps.clock.now(), reviewNote: input.note || null },
    check: (c) => {
      if (c.makerId === actor.userId) {
        throw campaignError('campaign.own_approval', 'The maker of a campaign cannot review it (maker-checker)');
      }
    },
  });
}

export function scheduleCampaign(deps: Deps, actor: Actor, id: string, meta?: RequestMeta) {
  return transition(deps, actor, id, ['approved'], 'scheduled', { meta });
}

export function cancelCampaign(deps: Deps, actor: Actor, id: string, reason: string, meta?: RequestMeta) {
  return transition(deps, actor, id, ['draft', 'pending', 'approved', 'scheduled', 'running'], 'cancelled', {
    meta,
    reason: reason || null,
    set: { cancelledAt: deps.clock.now() },
  });
}

export async function getCampaign(deps: Pick<Deps, 'db'>, id: string): Promise<CampaignView> {
  return campaignView(await loadCampaign(deps.db, id));
}

export async function listCampaigns(
  deps: Pick<Deps, 'db'>,
  q: { limit: number; cursor?: string; status?: CampaignStatus },
) {
  const after = q.cursor ? decodeCursor(q.cursor, 2) : null;
  const rows = await repo.listCampaigns(deps.db, { status: q.status }, after, q.limit + 1);
  const page = toPage(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
  return { items: page.items.map(campaignView), nextCursor: page.nextCursor };
}
