import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart, LinearScale } from 'chart.js';

// Only what a bar chart needs, so the chunk stays small; it is loaded when a figure is first shown.
Chart.register(BarController, BarElement, CategoryScale, LinearScale);

/**
 * A bar chart of one breakdown, drawn by Chart.js on a canvas. The canvas is an image to assistive
 * technology with the figures as its text alternative; the table beside it is the accessible version.
 */
export default function BarChart({
  labels,
  counts,
  description,
}: {
  readonly labels: readonly string[];
  readonly counts: readonly number[];
  readonly description: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Drawn anew only when the figures or their labels (the language) change, not on every render.
  const drawn = JSON.stringify([labels, counts]);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: [...labels],
        datasets: [{ data: [...counts], backgroundColor: '#1f3a5f', borderWidth: 0 }],
      },
      options: {
        indexAxis: labels.length > 6 ? 'y' : 'x',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: { x: { ticks: { precision: 0 } }, y: { ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [drawn]);
  return (
    <div className="keten-chart">
      <canvas ref={canvas} role="img" aria-label={description} data-testid="chart" />
    </div>
  );
}
