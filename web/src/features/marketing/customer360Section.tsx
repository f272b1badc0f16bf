import type { Customer360Section } from '../customers/customer360Sections';
import { ConsentPanel } from './ConsentPanel';

/** The consent tab of the customer 360 page (found by the 360 page at build time). */
export const customer360Section: Customer360Section = {
  key: 'consent',
  order: 80,
  permission: 'consent:read',
  label: (t) => t('marketing.consent.tab'),
  render: ({ customerId }) => <ConsentPanel customerId={customerId} />,
};
