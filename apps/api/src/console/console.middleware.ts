import { existsSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '#platform';

/** Paths the api answers itself; everything else a browser asks for with GET is the console's. */
const API_PATHS = /^\/(graphql|health|metrics|attachments|auth\/backchannel-logout)(\/|$)/;

/**
 * Serves the console (apps/console, built by `npm run build` into dist/console) at `/`: its files as built,
 * index.html for the console's own routes (it routes in the browser), and `/console-config.json`, which
 * tells it which OpenID Connect provider and client to sign in with. No file comes from elsewhere: the
 * Content-Security-Policy allows scripts and styles of this origin only, and connections to this api and
 * the provider. In development, a browser opening /graphql is sent to the console's GraphQL explorer.
 */
@Injectable()
export class ConsoleMiddleware implements NestMiddleware {
  private readonly root: string;
  /** The GraphQL explorer (the console's /explorer, GraphiQL from the project's packages): development only. */
  private readonly explorer: boolean;

  constructor(private readonly config: AppConfig) {
    this.root = resolve(config.console.directory);
    this.explorer = config.environment === 'development';
  }

  use(request: Request, response: Response, next: NextFunction): void {
    // The whole path: mounted for every route, Express hands middleware a path relative to its mount.
    const url = new URL(request.originalUrl, 'http://console');
    const path = url.pathname;
    if (
      this.explorer &&
      path === '/graphql' &&
      request.method === 'GET' &&
      !url.search &&
      request.accepts('html') === 'html'
    )
      return response.redirect(302, '/explorer');
    if ((request.method !== 'GET' && request.method !== 'HEAD') || API_PATHS.test(path)) return next();
    const issuer = this.config.jwt.oidc?.issuerUrl;
    response.setHeader('content-security-policy', this.policy(request, issuer));
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'no-referrer');
    if (path === '/console-config.json') {
      response.setHeader('cache-control', 'no-store');
      response.json({
        issuer: issuer ?? null,
        clientId: this.config.console.clientId,
        explorer: this.explorer,
      });
      return;
    }
    const file = resolve(join(this.root, decodeURIComponent(path)));
    const inside = file.startsWith(this.root + sep);
    if (inside && extname(file) !== '' && existsSync(file)) {
      // Vite names the built assets by their content hash: they never change under their name.
      const immutable = file.startsWith(join(this.root, 'assets') + sep);
      response.sendFile(file, {
        headers: { 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' },
      });
      return;
    }
    if (extname(path) !== '' || !request.accepts('html')) return next();
    const index = join(this.root, 'index.html');
    if (!existsSync(index)) {
      response
        .status(404)
        .type('text/plain')
        .send('The console is not built: run `npm run build` (it builds apps/console into dist/console).');
      return;
    }
    response.sendFile(index, { headers: { 'cache-control': 'no-cache' } });
  }

  private policy(request: Request, issuer: string | undefined): string {
    const host = request.headers.host ?? '';
    const socket = `${request.protocol === 'https' ? 'wss' : 'ws'}://${host}`;
    const provider = issuer ? new URL(issuer).origin : '';
    return [
      "default-src 'self'",
      "script-src 'self'",
      // The explorer's editor (Monaco, development only) sets inline styles and brings its icon fonts as
      // data: URLs; outside development the console's policy allows neither.
      this.explorer ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
      "img-src 'self' data:",
      this.explorer ? "font-src 'self' data:" : "font-src 'self'",
      `connect-src 'self' ${socket} ${provider}`.trim(),
      `form-action 'self' ${provider}`.trim(),
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join('; ');
  }
}
