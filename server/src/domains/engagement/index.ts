import { getTableName } from 'drizzle-orm';
import type { BanyanModule } from '../../kernel/module';
import { registerMergeTables, registerNotMovedByMerge } from '../customers';
import { engagementDeps } from './engagement.deps';
import { registerEngagementRoutes } from './engagement.routes';
import { customerLastContact, interactions, sopRunSteps, sopRuns, taskEscalations, tasks } from './engagement.tables';
import { escalationJob } from './jobs/escalate-overdue-tasks.job';
import { ruleSweepJobs } from './jobs/rule-sweeps.job';
import { ensureServicePolicies } from './policy.service';
import { registerReassignExecutor } from './reassignment.service';
import { ensureSopTemplates } from './sop.service';
import { subscribeTaskRules } from './task-rules';

// A merge moves the merged record's interactions, tasks and service runs to the survivor.
registerMergeTables(
  { kind: 'repoint', table: getTableName(interactions), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(tasks), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(taskEscalations), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(sopRuns), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(sopRunSteps), idColumn: 'run_id' },
);
registerNotMovedByMerge(
  getTableName(customerLastContact),
  "a projection of interactions keyed by customer: the survivor's next interaction refreshes it",
);

export { seedDemoEngagement } from './demo-seed';
export { type EngagementConfig, type EngagementDeps, engagementDeps } from './engagement.deps';
export { type EngagementErrorCode, engagementCodes, engagementError } from './engagement.errors';
export * from './engagement.schema';
export * from './engagement.tables';
export { respondedBetween } from './interaction.repository';
export { escalateOverdueTasks } from './jobs/escalate-overdue-tasks.job';
export { assessmentExpirySweep, complianceReviewSweep, contactStandardSweep } from './jobs/rule-sweeps.job';

/**
 * Engagement (客户经营): interactions with customers, tasks and follow-up
 * visits (回访) made by hand, by rules and by other domains (`task.requested`),
 * overdue escalation, service standards (SOP checklists), the tiered service
 * policy with its contact standard, assignment and reassignment of customers
 * (maker-checker), and the RM and branch-manager workbench.
 */
export const engagementModule: BanyanModule = {
  name: 'engagement',
  bootstrap: async (deps) => {
    await ensureServicePolicies(engagementDeps(deps));
    await ensureSopTemplates(deps.db, deps.clock);
    registerReassignExecutor(deps);
  },
  routes: (app, deps) => registerEngagementRoutes(app, engagementDeps(deps)),
  jobs: (deps) => [...ruleSweepJobs(engagementDeps(deps)), escalationJob(engagementDeps(deps))],
  events: (bus, deps) => subscribeTaskRules(bus, engagementDeps(deps)),
};
