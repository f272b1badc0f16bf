import { Empty } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer360 } from './api/customerApi';

/**
 * The extension point of the 360 page: a later feature (complaints, campaigns,
 * loyalty points, churn risk...) adds a tab without editing the page, either
 * by pushing into `customer360Sections` from code the app loads, or simply by
 * having a file `features/<feature>/customer360Section.tsx` that exports
 * `customer360Section` (found at build time, like the locale files).
 */
export type Customer360SectionContext = { customerId: string; customer: Customer360 };

export type Customer360Section = {
  /** unique; also the `?tab=` value. Use a placeholder's key (`complaints`...) to replace it. */
  key: string;
  /** position among the tabs; the built-in tabs use 10-70 */
  order: number;
  label: (t: TFunction) => ReactNode;
  /** the permission a user needs to see the tab */
  permission?: string;
  render: (ctx: Customer360SectionContext) => ReactNode;
};

/** Sections other features add. */
export const customer360Sections: Customer360Section[] = [];

const discovered = import.meta.glob<{ customer360Section?: Customer360Section }>('../*/customer360Section.tsx', {
  eager: true,
});
for (const mod of Object.values(discovered)) {
  if (mod.customer360Section) customer360Sections.push(mod.customer360Section);
}

/** Domains still to come: until a feature provides the section, the tab says plainly that it is not available yet. */
export const plannedSections = ['complaints', 'campaigns', 'points', 'churn'] as const;

function placeholder(key: (typeof plannedSections)[number], order: number): Customer360Section {
  return {
    key,
    order,
    label: (t) => t(`customers.sections.${key}`),
    render: () => <NotAvailable name={key} />,
  };
}

function NotAvailable({ name }: { name: string }) {
  const { t } = useTranslation();
  return <Empty description={t('customers.sections.notAvailable', { section: t(`customers.sections.${name}`) })} />;
}

/** The extra tabs the page shows: registered sections, plus a placeholder for each planned one nobody provides yet. */
export function extraSections(permissions: readonly string[], registered = customer360Sections): Customer360Section[] {
  const byKey = new Map<string, Customer360Section>();
  plannedSections.forEach((k, i) => {
    byKey.set(k, placeholder(k, 100 + i));
  });
  for (const s of registered) byKey.set(s.key, s);
  return [...byKey.values()]
    .filter((s) => !s.permission || permissions.includes(s.permission))
    .sort((a, b) => a.order - b.order);
}
