import { BarChart, FunnelChart, HeatmapChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import type { EChartsCoreOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the report dashboards draw (ECharts 6, tree-shaken). The canvas
// renderer, so getDataURL gives a PNG for the export button.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  FunnelChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/** What the export needs from a chart instance. */
export type ChartHandle = { getDataURL(opts: { type: 'png'; pixelRatio: number; backgroundColor: string }): string };

type Props = {
  option: EChartsCoreOption;
  /** what the chart shows, for screen readers */
  label: string;
  height?: number;
  onInstance?: (chart: ChartHandle | null) => void;
};

/** One ECharts instance on a canvas: created once, updated with the option, resized with its box, disposed on unmount. */
export function EChartCanvas({ option, label, height = 300, onInstance }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onInstanceRef = useRef(onInstance);
  onInstanceRef.current = onInstance;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    onInstanceRef.current?.(instance);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      onInstanceRef.current?.(null);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
