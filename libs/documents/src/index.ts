export * from './process-report/process-report.model.js';
export * from './process-report/process-report.html.js';
export * from './process-report/process-report.pdf.js';
