import { useQuery } from '@tanstack/react-query';
import { Badge, Calendar, Card, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keys, marketingApi } from './marketingApi';

/** The care calendar: festivals (lunar dates computed per year), and per day the birthdays, maturities and assessment expiries in scope. */
export function CareCalendarPage() {
  const { t, i18n } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const y = month.year();
  const m = month.month() + 1;
  const cal = useQuery({ queryKey: keys.calendar(y, m), queryFn: () => marketingApi.calendar(y, m) });
  const en = i18n.language === 'en';
  const cell = (d: Dayjs) => {
    if (d.month() + 1 !== m) return null;
    const date = d.format('YYYY-MM-DD');
    const day = cal.data?.days.find((x) => x.date === date);
    const fest = cal.data?.festivals.filter((x) => x.date === date) ?? [];
    return (
      <Space direction="vertical" size={0} data-testid={`care-day-${date}`}>
        <Typography.Text type="secondary" style={{ fontSize: 11 }}>
          {day?.lunar}
        </Typography.Text>
        {fest.map((x) => (
          <Tag key={x.code} color={x.enabled ? 'red' : 'default'}>
            {en ? x.name.en : x.name.zh}
          </Tag>
        ))}
        {!!day?.birthdays && <Badge color="magenta" text={t('marketing.care.birthdays', { count: day.birthdays })} />}
        {!!day?.maturities && <Badge color="blue" text={t('marketing.care.maturities', { count: day.maturities })} />}
        {!!day?.assessmentExpiries && (
          <Badge color="orange" text={t('marketing.care.expiries', { count: day.assessmentExpiries })} />
        )}
      </Space>
    );
  };
  return (
    <Card
      title={t('marketing.care.title')}
      extra={<Typography.Text type="secondary">{t('marketing.care.hint')}</Typography.Text>}
    >
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d) => setMonth(d)}
        cellRender={(d, info) => (info.type === 'date' ? cell(d) : null)}
      />
    </Card>
  );
}
