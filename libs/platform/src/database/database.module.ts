import { Module, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { ReadDatabase } from './read-database.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // Keep trying in the background rather than crash-looping while Postgres restarts.
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        retryAttempts: 10,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [
    {
      provide: ReadDatabase,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ReadDatabase.open(config),
    },
  ],
  exports: [ReadDatabase],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(private readonly moduleRef: ModuleRef) {}

  async onApplicationShutdown(): Promise<void> {
    await this.moduleRef.get(ReadDatabase).close();
  }
}
