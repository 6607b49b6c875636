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
});
