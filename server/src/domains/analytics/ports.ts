import type { DbOrTx } from '../../kernel/db';
import type { Feature } from './model';
import type { ScorecardComponent } from './scorecard-weights';

/**
 * Ports through which domains built elsewhere (complaints, surveys,
 * products/sales, campaigns) feed analytics without analytics importing them:
 * the composition root (or the owning module) registers an adapter. With no
 * adapter a churn signal is absent from the model, a scorecard component
 * shows "no data" (null, never a made-up number) and a dashboard panel
 * answers `no_data`.
 */

/** Extra churn features per customer as of a date, e.g. complaints (count, upheld) or survey scores. */
export type ChurnSignalPort = {
  name: string;
  features: readonly (Feature & { zh: string; en: string })[];
  /** values in `features` order (null: missing) for the customers given; absent customers are all missing */
  load(db: DbOrTx, customerIds: readonly string[], asOf: string): Promise<Map<string, (number | string | null)[]>>;
};

/** One scorecard component's score (0..100) per RM for a month, with the raw measures behind it. */
export type ScorecardSourcePort = {
  component: ScorecardComponent;
  measure(
    db: DbOrTx,
    rmIds: readonly string[],
    month: string,
  ): Promise<Map<string, { score: number; measures: Record<string, number> }>>;
};

/** A dashboard series from another domain (complaints trend, campaign lift, survey scores). */
export type DashboardPanelPort = {
  panel: DashboardPanelName;
  load(db: DbOrTx, scope: { unitIds: readonly string[] | null }, months: number): Promise<DashboardSeries>;
};
export const portPanels = ['complaints_trend', 'campaign_lift', 'survey_scores'] as const;
export type DashboardPanelName = (typeof portPanels)[number];
export type DashboardSeries = { columns: string[]; rows: (string | number | null)[][] };

const churnSignals: ChurnSignalPort[] = [];
const scorecardSources = new Map<ScorecardComponent, ScorecardSourcePort>();
const panels = new Map<DashboardPanelName, DashboardPanelPort>();

export function registerChurnSignal(port: ChurnSignalPort): void {
  if (!churnSignals.some((p) => p.name === port.name)) churnSignals.push(port);
}
export function registerScorecardSource(port: ScorecardSourcePort): void {
  scorecardSources.set(port.component, port);
}
export function registerDashboardPanel(port: DashboardPanelPort): void {
  panels.set(port.panel, port);
}
export function registeredChurnSignals(): readonly ChurnSignalPort[] {
  return churnSignals;
}
export function scorecardSource(c: ScorecardComponent): ScorecardSourcePort | undefined {
  return scorecardSources.get(c);
}
export function dashboardPanel(p: DashboardPanelName): DashboardPanelPort | undefined {
  return panels.get(p);
}
/** For tests: forget every registered adapter. */
export function clearPorts(): void {
  churnSignals.length = 0;
  scorecardSources.clear();
  panels.clear();
}
