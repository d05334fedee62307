export * from './process-report/process-report.model.js';
export * from './process-report/process-report.html.js';
export * from './process-report/process-report.pdf.js';
export * from './tables/table.js';
export { NOT_VISIBLE } from './process-report/dutch-labels.js';
export * from './yearly-report/yearly-report.pdf.js';
export * from './subject-access-request/subject-access-request.pdf.js';
