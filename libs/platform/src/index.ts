export * from './config/app-config.js';
export * from './config/config.error.js';
export * from './database/prepare-database.js';
export * from './database/data-source-options.js';
export * from './kafka/kafka.health.js';
export * from './bootstrap/configure-app.js';
export * from './bootstrap/start-http-app.js';
export * from './platform.module.js';
