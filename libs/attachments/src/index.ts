export * from './attachments.table.js';
export * from './attachment-storage.port.js';
export * from './postgres-attachment.storage.js';
export * from './document.shredder.js';
export * from './attachment-storage.module.js';
