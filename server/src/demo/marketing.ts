import { findUserByUsername, loadActor } from '../domains/access';
import { createTemplate, reviewTemplate, submitTemplate } from '../domains/messaging';
import { createSegment, segmentationDeps } from '../domains/segmentation';
import type { ModuleDeps } from '../kernel/module';

/** The demo's approved marketing SMS (MKT-02: it tells how to refuse more; MKT-10: approved by a second person). */
export const demoMarketingSms = {
  code: 'mkt.demo.wealth-salon',
  name: '财富沙龙邀请',
  kind: 'marketing',
  channel: 'sms',
  subjectZh: '',
  bodyZh: '【榕树银行】{{title}}，本月财富沙龙将在您的开户网点举办，欢迎预约参加，详询95500。回TD退订',
  subjectEn: '',
  bodyEn:
    '[Banyan Bank] {{title}}, this month our wealth salon is held at your branch. Call 95500 to book. Reply TD to unsubscribe',
} as const;

export const demoSegmentName = '贵宾及以上客户';

async function actorOf(deps: ModuleDeps, username: string) {
  const user = await findUserByUsername(deps.db, username);
  if (!user) throw new Error(`the demo has no user ${username}`);
  return loadActor(deps.db, user, deps.clock.now());
}

/**
 * What a marketer finds on the first start, made through the same services
 * and audit as in use: the marketing manager's SMS template, submitted and
 * approved by the head-office manager (maker-checker), and a segment of the
 * VIP-and-above customers, so a campaign can be built in the wizard at once.
 */
export async function seedDemoMarketing(deps: ModuleDeps): Promise<void> {
  const marketer = await actorOf(deps, 'marketing');
  const checker = await actorOf(deps, 'hqmgr');
  const draft = await createTemplate(deps, marketer, demoMarketingSms);
  await submitTemplate(deps, marketer, draft.id);
  await reviewTemplate(deps, checker, draft.id, { decision: 'approve', note: '' });
  await createSegment(segmentationDeps(deps), marketer, {
    name: demoSegmentName,
    description: '价值分层为贵宾客户及以上',
    kind: 'dynamic',
    rule: { combinator: 'and', rules: [{ field: 'tier', op: 'gte', value: 'vip' }] },
  });
}
