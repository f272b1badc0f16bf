import { useTranslation } from 'react-i18next';
import { areaByKey } from '../../app/navigation';
import { AreaEmptyState } from '../../ui/AreaEmptyState';

/** The workbench area; its empty state until the area's features land. */
export function WorkbenchPage() {
  const { t } = useTranslation();
  return (
    <AreaEmptyState
      icon={areaByKey('workbench').icon}
      title={t('areas.workbench.title')}
      description={t('areas.workbench.description')}
    />
  );
}
