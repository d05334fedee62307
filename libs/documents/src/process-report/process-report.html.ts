import type { ProcessReport } from './process-report.model.js';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The process report as a self-contained HTML page (Dutch, printable). */
export function processReportHtml(report: ProcessReport): string {
  const sections = report.sections
    .map((section) => {
      const items = section.items.length
        ? section.items
            .map(
              (item) =>
                `${item.title ? `<h3>${escape(item.title)}</h3>` : ''}<dl>${item.rows
                  .map((row) => `<dt>${escape(row.label)}</dt><dd>${escape(row.value)}</dd>`)
                  .join('')}</dl>`,
            )
            .join('\n')
        : `<p>${escape(section.empty ?? '')}</p>`;
      return `<section><h2>${escape(section.heading)}</h2>\n${items}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>${escape(report.title)}</title>
<style>
body { font-family: sans-serif; margin: 2rem; line-height: 1.4; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
footer { color: #555; font-size: 0.9rem; }
</style>
</head>
<body>
<header><h1>${escape(report.title)}</h1><p>${escape(report.running)}</p></header>
<main>
${sections}
</main>
<footer>${escape(report.running)}</footer>
</body>
</html>
`;
}
