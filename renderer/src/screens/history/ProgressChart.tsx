import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Only the pieces a line chart needs: a smaller bundle, and nothing that evaluates strings.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend);

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  /** Which y axis: the left one, or the right one for a second unit. */
  axis?: 'left' | 'right';
}

/** Colours from the theme's CSS variables, so the chart follows light and dark. */
function themeColors(): { text: string; grid: string; series: string[] } {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text-muted', '#4f5b6b'),
    grid: v('--border', '#d9dee6'),
    series: [
      v('--accent', '#2f5fd0'),
      v('--good', '#1f7a4a'),
      v('--warn', '#8a5a00'),
      v('--bad', '#b3261e'),
      v('--text', '#1b2430'),
    ],
  };
}

/** Re-renders when the theme attribute or the system colour scheme changes. */
function onThemeChange(callback: () => void): () => void {
  const observer = new MutationObserver(callback);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', callback);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', callback);
  };
}

/**
 * A line chart drawn on a canvas by chart.js (no HTML strings, no eval: fine under the CSP).
 * The canvas is an image for assistive technology; the same figures are in a table beside it.
 */
export function LineChart({
  labels,
  series,
  description,
  leftTitle,
  rightTitle,
  percent,
}: {
  labels: string[];
  series: ChartSeries[];
  description: string;
  leftTitle: string;
  rightTitle?: string;
  percent?: boolean;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let chart: Chart<'line', (number | null)[], string> | null = null;
    const draw = () => {
      chart?.destroy();
      const colors = themeColors();
      Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
      const hasRight = series.some((s) => s.axis === 'right');
      chart = new Chart(canvas, {
        type: 'line',
        data: {
          labels,
          datasets: series.map((s, i) => {
            const color = colors.series[i % colors.series.length] ?? colors.text;
            return {
              label: s.label,
              data: s.values,
              borderColor: color,
              backgroundColor: color,
              borderWidth: 2,
              pointRadius: 3,
              spanGaps: true,
              tension: 0,
              yAxisID: s.axis === 'right' ? 'right' : 'left',
              // A second unit is dashed, so the lines differ by more than colour.
              ...(s.axis === 'right' ? { borderDash: [6, 4] } : {}),
            };
          }),
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          plugins: { legend: { labels: { color: colors.text, boxHeight: 2 } }, tooltip: { enabled: true } },
          scales: {
            // offset: points sit in the middle of their slot, so one session is not pinned to the axis.
            x: {
              offset: true,
              ticks: { color: colors.text, maxRotation: 0, autoSkip: true },
              grid: { color: colors.grid },
            },
            left: {
              position: 'left',
              ...(percent ? { min: 0, max: 100 } : { beginAtZero: true }),
              title: { display: true, text: leftTitle, color: colors.text },
              ticks: { color: colors.text },
              grid: { color: colors.grid },
            },
            ...(hasRight
              ? {
                  right: {
                    position: 'right' as const,
                    beginAtZero: true,
                    title: { display: true, text: rightTitle ?? '', color: colors.text },
                    ticks: { color: colors.text },
                    grid: { drawOnChartArea: false },
                  },
                }
              : {}),
          },
        },
      });
    };
    draw();
    const stop = onThemeChange(draw);
    return () => {
      stop();
      chart?.destroy();
    };
  }, [labels, series, leftTitle, rightTitle, percent]);

  return (
    <div className="chart-box">
      <canvas ref={canvasRef} role="img" aria-label={description}>
        {description}
      </canvas>
    </div>
  );
}
