import type { Feature } from './model';

/**
 * The churn model's features, computed from CRM tables as of a date (see
 * churn-features.repository.ts), with their labels for reason sentences.
 * Signals from domains not on this branch (complaints, surveys) come through
 * the ChurnSignalPort (ports.ts) and are appended after these.
 */
export const baseChurnFeatures: readonly (Feature & { zh: string; en: string })[] = [
  { name: 'aum_yuan', kind: 'numeric', categories: [], zh: '资产规模(元)', en: 'AUM (yuan)' },
  {
    name: 'aum_change_3m_pct',
    kind: 'numeric',
    categories: [],
    zh: '近3个月资产变化(%)',
    en: 'AUM change over 3 months (%)',
  },
  {
    name: 'net_flow_volatility_pct',
    kind: 'numeric',
    categories: [],
    zh: '近6个月资金净流量波动(%)',
    en: 'Net-flow volatility over 6 months (%)',
  },
  { name: 'tx_3m', kind: 'numeric', categories: [], zh: '近3个月交易笔数', en: 'Transactions in 3 months' },
  {
    name: 'tx_change_pct',
    kind: 'numeric',
    categories: [],
    zh: '交易笔数环比变化(%)',
    en: 'Change in transactions vs previous 3 months (%)',
  },
  {
    name: 'months_since_tx',
    kind: 'numeric',
    categories: [],
    zh: '距上次交易月数',
    en: 'Months since last transaction',
  },
  { name: 'days_since_contact', kind: 'numeric', categories: [], zh: '距上次联系天数', en: 'Days since last contact' },
  { name: 'contacts_6m', kind: 'numeric', categories: [], zh: '近6个月联系次数', en: 'Contacts in 6 months' },
  { name: 'products', kind: 'numeric', categories: [], zh: '持有产品数', en: 'Products held' },
  {
    name: 'products_opened_6m',
    kind: 'numeric',
    categories: [],
    zh: '近6个月新开产品数',
    en: 'Products opened in 6 months',
  },
  {
    name: 'products_closed_6m',
    kind: 'numeric',
    categories: [],
    zh: '近6个月关闭产品数',
    en: 'Products closed in 6 months',
  },
  {
    name: 'maturing_3m',
    kind: 'numeric',
    categories: [],
    zh: '未来3个月到期产品数',
    en: 'Products maturing in 3 months',
  },
  { name: 'tenure_months', kind: 'numeric', categories: [], zh: '客户关系月数', en: 'Tenure (months)' },
  { name: 'age', kind: 'numeric', categories: [], zh: '年龄', en: 'Age' },
  {
    name: 'rm_changes_12m',
    kind: 'numeric',
    categories: [],
    zh: '近12个月更换客户经理次数',
    en: 'RM changes in 12 months',
  },
  {
    name: 'tier',
    kind: 'categorical',
    categories: ['mass', 'private_banking', 'vip', 'wealth'],
    zh: '客户层级',
    en: 'Tier',
  },
  {
    name: 'kind',
    kind: 'categorical',
    categories: ['individual', 'organisation'],
    zh: '客户类型',
    en: 'Customer kind',
  },
];

/** `YYYY-MM` of the month `offset` months from the month of `date` (YYYY-MM-DD). */
export function monthOf(date: string, offset = 0): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const idx = y * 12 + (m - 1) + offset;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** The date `months` months after `date` (YYYY-MM-DD), clamped to the month's last day. */
export function addMonthsToDate(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const idx = y * 12 + (m - 1) + months;
  const ny = Math.floor(idx / 12);
  const nm = idx % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${ny}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
