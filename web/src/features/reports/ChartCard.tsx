import { DownloadOutlined, FileImageOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Tooltip } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { type ChartHandle, EChart } from '../../ui/charts/EChart';
import { csvDataUrl, download, type Table } from './csv';

type Props = {
  /** file names of the exports: `<name>.png`, `<name>.csv` */
  name: string;
  title: string;
  table: Table;
  option: EChartsCoreOption | null;
  /** why there is nothing to draw (no data in the scope, source without rows) */
  emptyText?: string;
  height?: number;
};

/** A dashboard chart with its two exports: the picture as PNG (ECharts getDataURL) and its data as CSV. */
export function ChartCard({ name, title, table, option, emptyText, height }: Props) {
  const { t } = useTranslation();
  const chart = useRef<ChartHandle | null>(null);
  const hasData = option !== null && table.rows.length > 0;
  return (
    <Card
      title={title}
      data-testid={`chart-${name}`}
      size="small"
      extra={
        <Space size={4}>
          <Tooltip title={t('reports.export.png')}>
            <Button
              size="small"
              icon={<FileImageOutlined />}
              aria-label={`${t('reports.export.png')}: ${title}`}
              disabled={!hasData}
              onClick={() => {
                const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
                if (url) download(`${name}.png`, url);
              }}
            />
          </Tooltip>
          <Tooltip title={t('reports.export.csv')}>
            <Button
              size="small"
              icon={<DownloadOutlined />}
              aria-label={`${t('reports.export.csv')}: ${title}`}
              disabled={table.rows.length === 0}
              onClick={() => download(`${name}.csv`, csvDataUrl(table))}
            />
          </Tooltip>
        </Space>
      }
    >
      {hasData ? (
        <EChart
          option={option}
          label={title}
          height={height ?? 300}
          renderer="canvas"
          onInstance={(c) => {
            chart.current = c;
          }}
        />
      ) : (
        <Empty description={emptyText ?? t('reports.noData')} />
      )}
    </Card>
  );
}
