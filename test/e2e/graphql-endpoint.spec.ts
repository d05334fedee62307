import { INestApplication } from '@nestjs/common';
import { startApi } from '../support/api-app.js';

describe('GraphQL endpoint (Apollo Server 5 on Express)', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await startApi());
  });

  afterAll(() => app?.close());

  it('answers a query over HTTP and echoes the request id', async () => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-e2e-1' },
      body: JSON.stringify({ query: '{ serverInfo { name environment } }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-e2e-1');
    expect(await response.json()).toEqual({ data: { serverInfo: { name: 'keten', environment: 'test' } } });
  });

  it('replaces a request id that is unsafe to log', async () => {
    const response = await fetch(`${url}/health/live`, { headers: { 'x-request-id': 'bad id\twith tab' } });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
