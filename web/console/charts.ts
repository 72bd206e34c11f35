/**
 * Chart.js bar charts for the Alerts view, drawn into canvases the view renders. Only the
 * pieces used are registered (smaller bundle); animation is off so the chart is final at once.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Outcome colours with at least 3:1 contrast against white (WCAG 1.4.11, graphics). */
const COLOURS = { accepted: '#1b7a3a', overridden: '#b3261e', unanswered: '#5f6368' } as const;
export type Outcome = keyof typeof COLOURS;

export interface StackedSeries {
  labels: string[];
  series: { outcome: Outcome; label: string; values: number[] }[];
}

const charts = new Map<string, Chart>();

/** Draws (or redraws) the stacked bar chart in the canvas with this id. */
export function drawStackedBars(canvasId: string, data: StackedSeries): void {
  const canvas = document.getElementById(canvasId);
  if (!(canvas instanceof HTMLCanvasElement)) return;
  const previous = charts.get(canvasId);
  if (previous?.canvas === canvas) {
    previous.data.labels = data.labels;
    previous.data.datasets = datasets(data);
    previous.update();
    return;
  }
  previous?.destroy();
  charts.set(
    canvasId,
    new Chart(canvas, {
      type: 'bar',
      data: { labels: data.labels, datasets: datasets(data) },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: { legend: { position: 'bottom' } },
      },
    }),
  );
}

function datasets(data: StackedSeries) {
  return data.series.map((s) => ({
    label: s.label,
    data: s.values,
    backgroundColor: COLOURS[s.outcome],
  }));
}

/** Forgets charts whose canvas left the page (view switched). */
export function dropDetachedCharts(): void {
  for (const [id, chart] of charts) {
    if (!chart.canvas.isConnected) {
      chart.destroy();
      charts.delete(id);
    }
  }
}
