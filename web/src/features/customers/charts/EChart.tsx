import { BarChart, GraphChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the customer pages draw, so the chunk stays small (ECharts 6, tree-shaken).
echarts.use([PieChart, BarChart, LineChart, GraphChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export type ChartClick = { dataType?: string; data?: unknown; seriesType?: string };

type Props = {
  option: EChartsCoreOption;
  /** what the chart shows, for screen readers */
  label: string;
  height?: number;
  onClick?: (e: ChartClick) => void;
};

/** One ECharts instance bound to a div: created once, updated with the option, resized with its box, disposed on unmount. */
export function EChart({ option, label, height = 280, onClick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (e) => clickRef.current?.(e as ChartClick));
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
