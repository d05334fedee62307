import 'reflect-metadata';
import { startHttpApp } from '#platform';
import { ApiModule } from './api.module.js';

void startHttpApp(ApiModule, (config) => config.apiPort);
