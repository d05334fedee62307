// What other parts of the api may use of attachments: the only way in from outside this folder.
export { AttachmentsModule } from './attachments.module.js';
