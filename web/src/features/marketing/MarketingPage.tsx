import { useTranslation } from 'react-i18next';
import { areaByKey } from '../../app/navigation';
import { AreaEmptyState } from '../../ui/AreaEmptyState';

/** The marketing area; its empty state until the area's features land. */
export function MarketingPage() {
  const { t } = useTranslation();
  return (
    <AreaEmptyState
      icon={areaByKey('marketing').icon}
      title={t('areas.marketing.title')}
      description={t('areas.marketing.description')}
    />
  );
}
