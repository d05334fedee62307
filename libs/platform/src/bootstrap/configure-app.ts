import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config.js';
import { limitRequestBodies } from './request-body-limits.js';

/** Settings every keten HTTP process gets, in production and in tests alike. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  (app as NestExpressApplication).disable('x-powered-by');
  limitRequestBodies(app as NestExpressApplication, app.get(AppConfig).maxRequestBodyBytes);
}
