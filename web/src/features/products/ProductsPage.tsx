import { useTranslation } from 'react-i18next';
import { areaByKey } from '../../app/navigation';
import { AreaEmptyState } from '../../ui/AreaEmptyState';

/** The products area; its empty state until the area's features land. */
export function ProductsPage() {
  const { t } = useTranslation();
  return (
    <AreaEmptyState
      icon={areaByKey('products').icon}
      title={t('areas.products.title')}
      description={t('areas.products.description')}
    />
  );
}
