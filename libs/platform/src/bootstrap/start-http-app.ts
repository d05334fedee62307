import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig } from '../config/app-config.js';
import { ConfigError } from '../config/config.error.js';
import { configureApp } from './configure-app.js';

/**
 * Starts a keten process the same way for the api and the worker: configuration checked before
 * anything connects, JSON logs from the first line, and a graceful stop on SIGTERM/SIGINT.
 */
export async function startHttpApp(
  module: Type<unknown>,
  port: (config: AppConfig) => number,
): Promise<INestApplication> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await NestFactory.create(module, { bufferLogs: true });
  configureApp(app);
  await app.listen(port(config), '0.0.0.0');
  app.get(Logger).log(`listening on ${await app.getUrl()}`, 'Bootstrap');
  return app;
}
