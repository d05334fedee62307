// The answer type of every document the api makes (reports, exports, the access log's answers).
export { GeneratedDocument, generatedDocument } from './generated-document.type.js';
