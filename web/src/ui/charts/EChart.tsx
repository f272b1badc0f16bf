import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';

/** What a PNG export needs from a chart (a canvas-rendered chart gives a PNG data URL). */
export type ChartHandle = { getDataURL(opts: { type: 'png'; pixelRatio: number; backgroundColor: string }): string };
export type ChartClick = { dataType?: string; data?: unknown; seriesType?: string };

type Props = {
  option: EChartsCoreOption;
  /** what the chart shows, for screen readers (the chart is an image with this name) */
  label: string;
  height?: number;
  /** 'canvas' for a chart exported as PNG; SVG otherwise */
  renderer?: 'svg' | 'canvas';
  onClick?: (e: ChartClick) => void;
  /** the chart once drawn (for its PNG export), null when it goes away */
  onInstance?: (chart: ChartHandle | null) => void;
};

/**
 * One ECharts 6 instance bound to a div: ECharts loads with the first chart
 * drawn (pages show their lists without waiting for it); the chart is created
 * once, takes each new option whole, follows its box's size and is disposed
 * on unmount.
 */
export function EChart({ option, label, height = 260, renderer = 'svg', onClick, onInstance }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latest = useRef({ option, onClick, onInstance });
  latest.current = { option, onClick, onInstance };

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void import('./echartsSetup').then(({ init }) => {
      if (disposed) return;
      const instance = init(el, undefined, { renderer });
      chart.current = instance;
      instance.setOption(latest.current.option, { notMerge: true });
      instance.on('click', (e) => latest.current.onClick?.(e as ChartClick));
      observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
      observer?.observe(el);
      latest.current.onInstance?.(instance);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      if (chart.current) {
        latest.current.onInstance?.(null);
        chart.current.dispose();
        chart.current = null;
      }
    };
  }, [renderer]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
