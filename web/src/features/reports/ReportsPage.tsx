import { useTranslation } from 'react-i18next';
import { areaByKey } from '../../app/navigation';
import { AreaEmptyState } from '../../ui/AreaEmptyState';

/** The reports area; its empty state until the area's features land. */
export function ReportsPage() {
  const { t } = useTranslation();
  return (
    <AreaEmptyState
      icon={areaByKey('reports').icon}
      title={t('areas.reports.title')}
      description={t('areas.reports.description')}
    />
  );
}
