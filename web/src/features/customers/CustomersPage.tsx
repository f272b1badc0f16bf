import { useTranslation } from 'react-i18next';
import { areaByKey } from '../../app/navigation';
import { AreaEmptyState } from '../../ui/AreaEmptyState';

/** The customers area; its empty state until the area's features land. */
export function CustomersPage() {
  const { t } = useTranslation();
  return (
    <AreaEmptyState
      icon={areaByKey('customers').icon}
      title={t('areas.customers.title')}
      description={t('areas.customers.description')}
    />
  );
}
