import { AppendResult } from '../append/append.bench.js';

const COLOURS: Record<string, string> = { keten: '#1f6feb', emmett: '#d97706', raw: '#6b7280' };

/** Events/s against concurrent writers (1-event appends to distinct streams), one line per contestant, as SVG. */
export function throughputChart(results: AppendResult[]): string {
  const series = ['keten', 'emmett', 'raw'].map((contestant) => ({
    contestant,
    points: results
      .filter((r) => r.contestant === contestant && r.eventsPerAppend === 1 && !r.hot)
      .sort((a, b) => a.writers - b.writers),
  }));
  const writers = [...new Set(results.map((r) => r.writers))].sort((a, b) => a - b);
  const max = Math.max(
    1,
    ...results.filter((r) => r.eventsPerAppend === 1 && !r.hot).map((r) => r.eventsPerSecond),
  );
  const [w, h, left, bottom, top, right] = [640, 360, 70, 40, 30, 130];
  const x = (i: number) => left + (i * (w - left - right)) / Math.max(1, writers.length - 1);
  const y = (v: number) => h - bottom - (v / (max * 1.1)) * (h - bottom - top);
  const ticks = Array.from({ length: 5 }, (_, i) => (max * 1.1 * i) / 4);
  const lines = series
    .map(({ contestant, points }) => {
      const path = points.map((p) => `${x(writers.indexOf(p.writers))},${y(p.eventsPerSecond)}`).join(' ');
      const dots = points
        .map(
          (p) =>
            `<circle cx="${x(writers.indexOf(p.writers))}" cy="${y(p.eventsPerSecond)}" r="4" fill="${COLOURS[contestant]}"/>`,
        )
        .join('');
      return `<polyline fill="none" stroke="${COLOURS[contestant]}" stroke-width="2.5" points="${path}"/>${dots}`;
    })
    .join('\n');
  const legend = series
    .map(
      ({ contestant }, i) =>
        `<rect x="${w - right + 20}" y="${top + i * 24}" width="14" height="14" fill="${COLOURS[contestant]}"/>` +
        `<text x="${w - right + 40}" y="${top + i * 24 + 12}">${contestant === 'raw' ? 'raw INSERT (limit)' : contestant}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">
<text x="${left}" y="18" font-size="14" font-weight="bold">Append throughput vs concurrent writers (1 event per append)</text>
${ticks.map((t) => `<line x1="${left}" x2="${w - right}" y1="${y(t)}" y2="${y(t)}" stroke="#e5e7eb"/><text x="${left - 8}" y="${y(t) + 4}" text-anchor="end">${Math.round(t)}</text>`).join('')}
${writers.map((n, i) => `<text x="${x(i)}" y="${h - bottom + 18}" text-anchor="middle">${n}</text>`).join('')}
<text x="${(left + w - right) / 2}" y="${h - 6}" text-anchor="middle">concurrent writers</text>
<text x="16" y="${h / 2}" transform="rotate(-90 16 ${h / 2})" text-anchor="middle">events/s</text>
${lines}
${legend}
</svg>
`;
}
