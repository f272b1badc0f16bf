import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';

/**
 * An ECharts 6 chart (SVG renderer) that follows its option and its
 * container's size. ECharts loads on the first chart drawn, so the workbench
 * shows its lists without waiting for it.
 */
export function EChart({ option, height = 260, label }: { option: EChartsCoreOption; height?: number; label: string }) {
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
