import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConsoleMiddleware } from './console.middleware.js';

/** The console's files, served by the api at `/` (see ConsoleMiddleware). */
@Module({ providers: [ConsoleMiddleware] })
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ConsoleMiddleware).forRoutes('{*path}');
  }
}
