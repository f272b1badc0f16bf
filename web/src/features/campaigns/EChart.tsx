import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';

/** An ECharts 6 bar chart (SVG), loaded on first draw, following its option and container size. */
export function EChart({ option, height = 280, label }: { option: EChartsCoreOption; height?: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let disposed = false;
    let cleanup = () => {
      disposed = true;
    };
    void import('./echartsSetup').then(({ init }) => {
      if (disposed) return;
      const chart = init(el, undefined, { renderer: 'svg' });
      chart.setOption(option);
      const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => chart.resize());
      observer?.observe(el);
      cleanup = () => {
        observer?.disconnect();
        chart.dispose();
      };
    });
    return () => cleanup();
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
