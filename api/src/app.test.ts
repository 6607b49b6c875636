import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp, type TestApp } from './test-support/harness';
import { CURRENT_CONSENT } from './shared/legal';

let app: TestApp;
let webDir: string;
beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nekj-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(
    path.join(webDir, 'index.html'),
    '<!doctype html><title>东北科技大市场</title><div id="root"></div>',
  );
  fs.writeFileSync(path.join(webDir, 'assets', 'app-abc123.js'), 'console.log(1)');
  app = await startTestApp({ WEB_DIST: webDir, CORS_ORIGINS: ['http://allowed.example'] });
});
afterAll(async () => {
  await app.stop();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('health and readiness', () => {
  test('when probed, then /healthz is ok and /readyz reports the database check', async () => {
    expect((await app.http('GET', '/healthz')).body.status).toBe('ok');
    const ready = await app.http('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.database).toMatchObject({ ok: true, kind: process.env.TEST_DB_KIND });
  });

  test('when the app is stopping, then /readyz answers 503 so balancers drain it', async () => {
    const other = await startTestApp();
    other.running.ctx.markStopping();
    const res = await other.http('GET', '/readyz');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('not_ready');
    await other.stop();
  });
});

describe('OpenAPI', () => {
  test('when fetching /api/openapi.json, then every declared route is documented with its schemas', async () => {
    const doc = (await app.http('GET', '/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const op of app.running.ctx.registry.list()) {
      const p = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[p]?.[op.method]).toBeDefined();
    }
    const register = doc.paths['/api/auth/register'].post.requestBody.content['application/json'].schema;
    expect(register.required).toEqual(expect.arrayContaining(['email', 'password', 'name', 'consent']));
    expect(register.additionalProperties).toBe(false);
    const orgId = doc.paths['/api/orgs/{id}'].get.parameters.find((p: { name: string }) => p.name === 'id');
    expect(orgId).toMatchObject({ in: 'path', required: true });
  });

  test('when opening /api/docs, then the rendered reference page is served', async () => {
    const res = await fetch(`${app.url}/api/docs/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('swagger-ui');
  });
});

describe('cross-cutting HTTP behaviour', () => {
  test('when a request id is sent, then it is echoed; otherwise one is generated and put in errors', async () => {
    const echoed = await app.http('GET', '/healthz', { headers: { 'x-request-id': 'trace-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-123');
    const err = await app.http('GET', '/api/nothing-here');
    expect(err.status).toBe(404);
    expect(err.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(err.body.error.requestId).toBe(err.headers.get('x-request-id'));
  });

  test('when a foreign origin posts with a cookie, then 403 ORIGIN_NOT_ALLOWED and no account is made', async () => {
    const email = `${app.unique('csrf')}@test.nekj.cn`;
    const res = await app.http('POST', '/api/auth/register', {
      headers: { origin: 'http://evil.example' },
      body: { email, password: 'GoodPass123', name: 'x', consent: CURRENT_CONSENT },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ORIGIN_NOT_ALLOWED');
    expect(await app.models.User.countDocuments({ email })).toBe(0);
    const allowed = await app.http('POST', '/api/auth/register', {
      headers: { origin: 'http://allowed.example' },
      body: { email, password: 'GoodPass123', name: 'x', consent: CURRENT_CONSENT },
    });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://allowed.example');
  });

  test('when served, then security headers are set', async () => {
    const res = await app.http('GET', '/api/taxonomy');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).not.toContain('stripe.com');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  test('when Stripe is configured, then the policy lets the payment page load Stripe.js, its frames and its API, and nothing else', async () => {
    const withStripe = await startTestApp({ STRIPE_SECRET_KEY: 'sk_test_csp_check' });
    try {
      const csp = (await withStripe.http('GET', '/api/taxonomy')).headers.get('content-security-policy')!;
      const directive = (name: string) =>
        csp
          .split(';')
          .map((d) => d.trim())
          .find((d) => d.startsWith(`${name} `)) ?? '';
      expect(directive('script-src')).toBe("script-src 'self' https://js.stripe.com");
      expect(directive('frame-src')).toBe("frame-src 'self' https://js.stripe.com https://hooks.stripe.com");
      expect(directive('connect-src')).toContain('https://api.stripe.com');
    } finally {
      await withStripe.stop();
    }
  });
});

describe('the web app on the same port', () => {
  test('when a client route is requested, then index.html is served; assets are immutable; unknown /api stays JSON', async () => {
    const page = await fetch(`${app.url}/orgs/123`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('东北科技大市场');
    const asset = await fetch(`${app.url}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const api = await app.http('GET', '/api/unknown');
    expect(api.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('graceful stop', () => {
  test('when stopped, then the port closes and the database connection is released', async () => {
    const other = await startTestApp();
    const url = other.url;
    await other.running.stop();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    await other.db.connection.dropDatabase();
    await other.db.close();
    expect(other.db.connection.readyState).toBe(0);
  });
});
