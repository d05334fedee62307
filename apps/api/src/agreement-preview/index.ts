export { AgreementPreviewModule } from './agreement-preview.module.js';
