import type { Config } from '../../config';
import { campaignPorts, campaignResults } from '../campaigns';
import type { AnalyticsDeps } from './analytics.deps';
import { monthOf } from './churn-features';
import * as repo from './domain-ports.repository';
import { registerChurnSignal, registerDashboardPanel, registerScorecardSource } from './ports';

/**
 * The adapters that connect analytics' ports (ports.ts) to the real domains:
 * complaints and surveys (complaints domain) as churn features, scorecard
 * components (satisfaction, complaints) and dashboard panels; sales and
 * conduct (products domain) as the sales and compliance components; campaign
 * results (campaigns domain) as the campaign-lift panel. Registered by the
 * analytics module at start-up (`registerDomainPorts`, called from the
 * module's bootstrap; tests call it after `clearPorts`).
 */

const round1 = (v: number) => Math.round(v * 10) / 10;
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/**
 * A "lower is better" rate against the bank's mean rate over the RMs
 * measured (the same scale as retention's leavers vs expected): none = 100,
 * as many as the mean = 50, twice the mean or more = 0. With a mean of 0
 * (nobody has any) every RM scores 100.
 */
export function lowerIsBetter(rate: number, mean: number): number {
  if (mean <= 0) return 100;
  return round1(100 * clamp01(1 - rate / (2 * mean)));
}

/** A "higher is better" amount against the mean: none (or below 0) = 0, the mean = 50, twice the mean or more = 100. */
export function higherIsBetter(value: number, mean: number): number {
  if (mean <= 0) return value > 0 ? 100 : 50;
  return round1(100 * clamp01(value / (2 * mean)));
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, v) => a + v, 0) / xs.length : 0);

export function registerDomainPorts(deps: Pick<AnalyticsDeps, 'db' | 'clock'> & { config: Config }): void {
  registerChurnSignal({
    name: 'complaints',
    features: [
      {
        name: 'complaints_12m',
        kind: 'numeric',
        categories: [],
        zh: '近12个月投诉次数',
        en: 'Complaints in 12 months',
      },
      {
        name: 'complaints_upheld_12m',
        kind: 'numeric',
        categories: [],
        zh: '近12个月投诉成立次数',
        en: 'Upheld complaints in 12 months',
      },
      { name: 'complaints_open', kind: 'numeric', categories: [], zh: '未办结投诉数', en: 'Open complaints' },
      {
        name: 'complaints_overdue_12m',
        kind: 'numeric',
        categories: [],
        zh: '近12个月超时处理投诉数',
        en: 'Complaints handled late in 12 months',
      },
    ],
    async load(db, customerIds, asOf) {
      const rows = await repo.complaintSignals(db, customerIds, asOf);
      const out = new Map<string, (number | null)[]>();
      // a customer without complaints has none: 0, not missing
      for (const id of customerIds) out.set(id, [0, 0, 0, 0]);
      for (const r of rows) out.set(r.customer_id, [r.complaints_12m, r.upheld_12m, r.open_at, r.overdue_12m]);
      return out;
    },
  });

  registerChurnSignal({
    name: 'surveys',
    features: [
      {
        name: 'survey_last_score_pct',
        kind: 'numeric',
        categories: [],
        zh: '最近一次满意度评分(百分制)',
        en: 'Last survey score (0-100)',
      },
      {
        name: 'survey_low_12m',
        kind: 'numeric',
        categories: [],
        zh: '近12个月低分评价次数',
        en: 'Low survey scores in 12 months',
      },
    ],
    async load(db, customerIds, asOf) {
      const rows = await repo.surveySignals(db, customerIds, asOf);
      const out = new Map<string, (number | null)[]>();
      // never answered: the score is missing (unknown), the count of low scores is 0
      for (const id of customerIds) out.set(id, [null, 0]);
      for (const r of rows) out.set(r.customer_id, [r.last_score_pct, r.low_12m]);
      return out;
    },
  });

  registerScorecardSource({
    component: 'sales',
    async measure(db, rmIds, month) {
      const rows = await repo.salesMeasures(db, rmIds, month);
      const soldMean = mean(rows.map((r) => r.products_sold));
      const perCustomer = (r: repo.SalesMeasureRow) => (r.book > 0 ? r.net_new_aum_minor / r.book : 0);
      const netMean = mean(rows.map((r) => Math.max(0, perCustomer(r))));
      return new Map(
        rows.map((r) => [
          r.rm_id,
          {
            // half products sold (standing sales only), half net new AUM per customer of the book
            score: round1((higherIsBetter(r.products_sold, soldMean) + higherIsBetter(perCustomer(r), netMean)) / 2),
            measures: {
              productsSold: r.products_sold,
              soldAmountMinor: r.sold_amount_minor,
              netNewAumMinor: r.net_new_aum_minor,
            },
          },
        ]),
      );
    },
  });

  registerScorecardSource({
    component: 'compliance',
    async measure(db, rmIds, month) {
      const rows = new Map((await repo.complianceMeasures(db, rmIds, month)).map((r) => [r.rm_id, r]));
      const sold = new Map((await repo.salesMeasures(db, rmIds, month)).map((r) => [r.rm_id, r.products_sold]));
      // findings per proposal: a block (overridable, recorded), an override, a cooling-off cancellation
      const findings = (id: string) => {
        const r = rows.get(id);
        return r ? r.blocked + r.overridden + r.cooling_off_cancelled : 0;
      };
      const base = (id: string) => Math.max(rows.get(id)?.proposals ?? 0, sold.get(id) ?? 0, 1);
      const active = rmIds.filter((id) => rows.has(id) || (sold.get(id) ?? 0) > 0);
      const m = mean(active.map((id) => findings(id) / base(id)));
      return new Map(
        active.map((id) => {
          const r = rows.get(id);
          return [
            id,
            {
              score: lowerIsBetter(findings(id) / base(id), m),
              measures: {
                proposals: r?.proposals ?? 0,
                suitabilityBlocks: r?.blocked ?? 0,
                overrides: r?.overridden ?? 0,
                coolingOffCancellations: r?.cooling_off_cancelled ?? 0,
              },
            },
          ];
        }),
      );
    },
  });

  registerScorecardSource({
    component: 'complaints',
    async measure(db, rmIds, month) {
      const rows = new Map((await repo.complaintMeasures(db, rmIds, month)).map((r) => [r.rm_id, r]));
      const books = new Map((await repo.salesMeasures(db, rmIds, month)).map((r) => [r.rm_id, r.book]));
      // PERF-02: upheld, overdue and repeat complaints weigh on top of every complaint received
      const weight = (id: string) => {
        const r = rows.get(id);
        return r ? r.received + r.upheld + r.overdue + r.repeats : 0;
      };
      const rate = (id: string) => weight(id) / Math.max(books.get(id) ?? 0, 1);
      const withBook = rmIds.filter((id) => (books.get(id) ?? 0) > 0);
      const m = mean(withBook.map(rate));
      return new Map(
        withBook.map((id) => {
          const r = rows.get(id);
          return [
            id,
            {
              score: lowerIsBetter(rate(id), m),
              measures: {
                received: r?.received ?? 0,
                upheld: r?.upheld ?? 0,
                overdue: r?.overdue ?? 0,
                repeats: r?.repeats ?? 0,
              },
            },
          ];
        }),
      );
    },
  });

  registerScorecardSource({
    component: 'satisfaction',
    async measure(db, rmIds, month) {
      const rows = await repo.satisfactionMeasures(db, rmIds, month);
      return new Map(
        rows.map((r) => {
          // CSAT 0..100 and NPS -100..100 → 0..100, averaged over the kinds answered
          const parts = [r.csat_pct, r.nps === null ? null : (r.nps + 100) / 2].filter((v): v is number => v !== null);
          return [
            r.rm_id,
            {
              score: round1(mean(parts)),
              measures: {
                responses: r.responses,
                ...(r.csat_pct === null ? {} : { csatPct: round1(r.csat_pct) }),
                ...(r.nps === null ? {} : { nps: round1(r.nps) }),
              },
            },
          ];
        }),
      );
    },
  });

  const fromMonth = (months: number) => monthOf(deps.clock.now().toISOString().slice(0, 10), -(months - 1));

  registerDashboardPanel({
    panel: 'complaints_trend',
    async load(db, scope, months) {
      const first = fromMonth(months);
      const byMonth = new Map((await repo.complaintsTrend(db, scope.unitIds, first)).map((r) => [r.month, r]));
      // nothing received or decided in any month of the window: no data, not a row of zeros
      if (byMonth.size === 0) return { columns: [], rows: [] };
      const list = Array.from({ length: months }, (_, i) => monthOf(`${first}-01`, i));
      return {
        columns: ['month', 'received', 'decided', 'on_time', 'on_time_rate_pct'],
        rows: list.map((m) => {
          const r = byMonth.get(m);
          const decided = r?.decided ?? 0;
          const onTime = r?.on_time ?? 0;
          return [m, r?.received ?? 0, decided, onTime, decided ? round1((100 * onTime) / decided) : null];
        }),
      };
    },
  });

  registerDashboardPanel({
    panel: 'survey_scores',
    async load(db, scope, months) {
      const rows = await repo.surveyTrend(db, scope.unitIds, fromMonth(months));
      return {
        columns: ['month', 'kind', 'responses', 'mean_score_pct', 'low'],
        rows: rows.map((r) => [r.month, r.kind, r.responses, r.mean_pct, r.low]),
      };
    },
  });

  registerDashboardPanel({
    panel: 'campaign_lift',
    async load(db, _scope, months) {
      const list = await repo.startedCampaigns(db, fromMonth(months), 20);
      const rows: (string | number | null)[][] = [];
      for (const c of list) {
        const r = await campaignResults({ db, clock: deps.clock, ports: () => campaignPorts(deps) }, c.id);
        const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : round1(100 * v));
        rows.push([
          c.name,
          r.target.members,
          pct(r.target.responseRate),
          r.control.members,
          pct(r.control.responseRate),
          pct(r.responseLift?.estimate),
        ]);
      }
      return {
        columns: ['campaign', 'target', 'target_response_pct', 'control', 'control_response_pct', 'lift_pct_points'],
        rows,
      };
    },
  });
}
