import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <Result status="403" title={t('status.forbiddenTitle')} subTitle={t('status.forbiddenText')} />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('status.notFoundTitle')}
      subTitle={t('status.notFoundText')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('status.backHome')}
        </Button>
      }
    />
  );
}

export function NoAreasPage() {
  const { t } = useTranslation();
  return <Result status="info" title={t('status.noAreasTitle')} subTitle={t('status.noAreasText')} />;
}

export function LoadFailedPage({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={t('status.loadFailedTitle')}
      subTitle={t('status.loadFailedText')}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('status.retry')}
        </Button>
      }
    />
  );
}
