import 'reflect-metadata';
import { startHttpApp } from '#platform';
import { WorkerModule } from './worker.module.js';

void startHttpApp(WorkerModule, (config) => config.workerPort);
