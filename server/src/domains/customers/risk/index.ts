import type { BanyanModule, ModuleDeps } from '../../../kernel/module';
import type { Wiring } from './ports';
import { registerRiskRoutes } from './risk.routes';
import type { RiskDeps } from './risk.service';

export type { AuditEntry, RecordAudit, ScopeCondition, Wiring } from './ports';
export { questionnaireCnV1 } from './questionnaire-cn';
export {
  currentRiskProfile,
  deriveProfile,
  ensureRiskQuestionnaire,
  type RiskProfile,
  type RiskProfileStatus,
} from './risk.service';
export { riskAssessments, riskQuestionnaires } from './risk.tables';
export { addMonths, answersForLevel, levelRank, type RiskLevel, riskLevels, scoreAnswers } from './scoring';

export function riskDeps(deps: ModuleDeps, wiring: Wiring): RiskDeps {
  return {
    ...wiring,
    db: deps.db,
    clock: deps.clock,
    policy: {
      validityMonths: deps.config.assessmentValidityMonths,
      maxPerDay: deps.config.assessmentMaxPerDay,
      maxPer12m: deps.config.assessmentMaxPer12m,
      timeZone: deps.config.timeZone,
      jurisdiction: 'CN',
    },
  };
}

/**
 * Risk tolerance assessment (SUIT-02, SUIT-05..07). Needs the access
 * domain's `scopeCondition` and the audit domain's `recordAudit`.
 */
export function customerRiskModule(wiring: Wiring): BanyanModule {
  return {
    name: 'customers.risk',
    routes: (app, deps) => registerRiskRoutes(app, riskDeps(deps, wiring)),
  };
}
