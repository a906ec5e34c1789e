/**
 * A time-series chart drawn by lightweight-charts 5: one or more line/area series over UTC time,
 * resized with its container and recoloured for dark mode. Data updates reuse the chart.
 */
import { useEffect, useRef } from 'react';
import {
  AreaSeries,
  ColorType,
  createChart,
  LineSeries,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';

export interface ChartPoint {
  /** Milliseconds since the epoch. */
  t: number;
  value: number;
}

export interface ChartSeries {
  title: string;
  kind: 'line' | 'area';
  color: string;
  points: readonly ChartPoint[];
  dashed?: boolean;
}

/** Sorted, de-duplicated (last wins) points in whole seconds, as lightweight-charts requires. */
export function toChartData(points: readonly ChartPoint[]): { time: UTCTimestamp; value: number }[] {
  const bySecond = new Map<number, number>();
  for (const p of points) {
    if (Number.isFinite(p.t) && Number.isFinite(p.value)) bySecond.set(Math.floor(p.t / 1000), p.value);
  }
  return [...bySecond.entries()].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time: time as UTCTimestamp, value }));
}

function prefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

export function TimeChart({ series, height = 260, testId, percent = false }: { series: readonly ChartSeries[]; height?: number; testId?: string; percent?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi | null>(null);
  const handles = useRef<ISeriesApi<'Line' | 'Area'>[]>([]);
  const shape = series.map((s) => `${s.kind}:${s.color}:${s.dashed ? 1 : 0}`).join('|');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const dark = prefersDark();
    const c = createChart(el, {
      autoSize: true,
      height,
      layout: {
        background: { type: ColorType.Solid, color: 'transparent' },
        textColor: dark ? '#c9d1d9' : '#24292f',
        fontFamily: 'system-ui, sans-serif',
        attributionLogo: false,
      },
      grid: { vertLines: { color: dark ? '#21262d' : '#eaeef2' }, horzLines: { color: dark ? '#21262d' : '#eaeef2' } },
      rightPriceScale: { borderVisible: false },
      timeScale: { borderVisible: false, timeVisible: true },
      localization: percent ? { priceFormatter: (v: number) => `${(v * 100).toFixed(1)}%` } : {},
    });
    chart.current = c;
    handles.current = series.map((s) =>
      s.kind === 'area'
        ? c.addSeries(AreaSeries, { lineColor: s.color, topColor: `${s.color}55`, bottomColor: `${s.color}05`, lineWidth: 2, title: s.title })
        : c.addSeries(LineSeries, { color: s.color, lineWidth: 2, lineStyle: s.dashed ? 2 : 0, title: s.title }),
    );
    return () => {
      c.remove();
      chart.current = null;
      handles.current = [];
    };
    // Rebuild only when the series layout changes; data changes go through setData below.
  }, [shape, height, percent]);

  useEffect(() => {
    series.forEach((s, i) => handles.current[i]?.setData(toChartData(s.points)));
    chart.current?.timeScale().fitContent();
  }, [series, shape]);

  return (
    <div className="chart-wrap">
      <div className="chart" ref={box} style={{ height }} data-testid={testId} role="img" aria-label={series.map((s) => s.title).join(' and ')} />
      <ul className="legend">
        {series.map((s) => (
          <li key={s.title}>
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.title}
          </li>
        ))}
      </ul>
    </div>
  );
}
