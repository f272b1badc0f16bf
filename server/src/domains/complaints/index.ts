import { getTableName } from 'drizzle-orm';
import type { BanyanModule } from '../../kernel/module';
import { registerMergeTables } from '../customers';
import { registerExtensionExecutor } from './complaint-extension.service';
import { complaintsDeps } from './complaints.deps';
import { registerComplaintRoutes } from './complaints.routes';
import {
  complaintAttachments,
  complaintHistory,
  complaints,
  surveyInvitations,
  surveyResponses,
} from './complaints.tables';
import { ensureHolidayCalendars } from './holiday.service';
import { complaintEscalationJob } from './jobs/escalate-complaints.job';
import { registerSurveyRoutes } from './survey.routes';
import { ensureSurveyTemplates } from './survey.service';
import { subscribeSurveyTriggers } from './survey-triggers';

// A merge moves the merged record's complaints and surveys to the survivor.
registerMergeTables(
  { kind: 'repoint', table: getTableName(complaints), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(complaintHistory), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(complaintAttachments), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(surveyInvitations), idColumn: 'id' },
  { kind: 'repoint', table: getTableName(surveyResponses), idColumn: 'id' },
);

export * from './complaint-clock';
export { type ComplaintsConfig, type ComplaintsDeps, complaintsDeps } from './complaints.deps';
export { type ComplaintErrorCode, complaintCodes, complaintError } from './complaints.errors';
export * from './complaints.schema';
export * from './complaints.tables';
export { type EscalationResult, escalateComplaints } from './jobs/escalate-complaints.job';
export { type SurveyResultRow, surveyResults } from './survey.service';

/**
 * Complaints (投诉) and satisfaction surveys: intake from every channel, the
 * regulatory clock per jurisdiction profile with its holiday calendar
 * (CMP-01, INT-FCA-02), the workflow with recusal, repeats and review by the
 * superior unit (CMP-02..05), root cause and corrective action (CMP-06),
 * reports and the regulator export; CSAT and NPS surveys after service
 * events through signed one-time links, low scores followed up.
 */
export const complaintsModule: BanyanModule = {
  name: 'complaints',
  bootstrap: async (deps) => {
    await ensureHolidayCalendars(deps.db);
    await ensureSurveyTemplates(deps.db, deps.clock.now());
    registerExtensionExecutor(complaintsDeps(deps));
  },
  routes: (app, deps) => {
    registerComplaintRoutes(app, complaintsDeps(deps));
    registerSurveyRoutes(app, complaintsDeps(deps));
  },
  jobs: (deps) => [complaintEscalationJob(complaintsDeps(deps))],
  events: (bus, deps) => subscribeSurveyTriggers(bus, complaintsDeps(deps)),
};
