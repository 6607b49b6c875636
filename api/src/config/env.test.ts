import { loadConfig } from './env';

describe('configuration', () => {
  test('when nothing is set, then the defaults make `npm start` work on port 3000 with the embedded database', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.MONGODB_URI).toBeUndefined();
    expect(c.EMBEDDED_DB).toBe('auto');
    expect(c.SEED_DEMO).toBe(true);
  });

  test('when several keys are bad, then the error lists every one of them', () => {
    expect(() => loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', MONGODB_URI: 'not a uri', SEED_DEMO: 'maybe' })).toThrow(
      /PORT[\s\S]*(LOG_LEVEL|MONGODB_URI|SEED_DEMO)[\s\S]*(LOG_LEVEL|MONGODB_URI|SEED_DEMO)[\s\S]*(LOG_LEVEL|MONGODB_URI|SEED_DEMO)/,
    );
  });

  test('when lists and booleans are given as text, then they are parsed', () => {
    const c = loadConfig({ CORS_ORIGINS: 'https://a.cn, https://b.cn', COOKIE_SECURE: 'true', SEED_DEMO: '0' });
    expect(c.CORS_ORIGINS).toEqual(['https://a.cn', 'https://b.cn']);
    expect(c.COOKIE_SECURE).toBe(true);
    expect(c.SEED_DEMO).toBe(false);
  });

  test('when NODE_ENV=production and nothing else is set, then the cookie is Secure and no development origin is allowed', () => {
    const c = loadConfig({ NODE_ENV: 'production' });
    expect(c.COOKIE_SECURE).toBe(true);
    expect(c.CORS_ORIGINS).toEqual([]);
    const dev = loadConfig({});
    expect(dev.COOKIE_SECURE).toBe(false);
    expect(dev.CORS_ORIGINS).toEqual(['http://localhost:3000', 'http://localhost:5173']);
  });

  test('when production sets them explicitly, then the explicit values win', () => {
    const c = loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'false', CORS_ORIGINS: 'https://kj.example.cn' });
    expect(c.COOKIE_SECURE).toBe(false);
    expect(c.CORS_ORIGINS).toEqual(['https://kj.example.cn']);
  });
});
