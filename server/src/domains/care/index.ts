import type { BanyanModule } from '../../kernel/module';
import { careDeps } from './care.deps';
import { registerCareRoutes } from './care.routes';
import { ensureCareTemplates } from './care-templates';
import { dailyCareJob } from './jobs/daily-care.job';

export { type CareConfig, type CareDeps, careDeps } from './care.deps';
export { type CareRun, careCalendar, runDailyCare } from './care.service';
export { ensureCareTemplates } from './care-templates';
export { type FestivalCode, festivalCodes, festivalDate, festivalNames, festivalsOf, festivalsOn } from './festivals';

/**
 * Care (客户关怀): birthday and festival greetings (lunar festivals computed
 * per year) through the customer's preferred allowed channel, maturity and
 * risk-assessment expiry reminders as service notices, a daily job, and the
 * care calendar. Every send passes the contact gate (quiet hours, DND, "no
 * greetings": MKT-09).
 */
export const careModule: BanyanModule = {
  name: 'care',
  bootstrap: async (deps) => ensureCareTemplates(deps.db, deps.clock),
  routes: (app, deps) => registerCareRoutes(app, careDeps(deps)),
  jobs: (deps) => [dailyCareJob(careDeps(deps))],
};
