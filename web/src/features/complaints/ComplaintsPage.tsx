import { useTranslation } from 'react-i18next';
import { areaByKey } from '../../app/navigation';
import { AreaEmptyState } from '../../ui/AreaEmptyState';

/** The complaints area; its empty state until the area's features land. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  return (
    <AreaEmptyState
      icon={areaByKey('complaints').icon}
      title={t('areas.complaints.title')}
      description={t('areas.complaints.description')}
    />
  );
}
