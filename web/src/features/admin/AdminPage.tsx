import { useTranslation } from 'react-i18next';
import { areaByKey } from '../../app/navigation';
import { AreaEmptyState } from '../../ui/AreaEmptyState';

/** The admin area; its empty state until the area's features land. */
export function AdminPage() {
  const { t } = useTranslation();
  return (
    <AreaEmptyState
      icon={areaByKey('admin').icon}
      title={t('areas.admin.title')}
      description={t('areas.admin.description')}
    />
  );
}
