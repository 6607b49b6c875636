import { MicroCache } from './micro-cache';

const deferred = <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('MicroCache', () => {
  test('callers arriving while a load runs share it, and later callers within the time get the same answer', async () => {
    const cache = new MicroCache<number>(60_000);
    const d = deferred<number>();
    let loads = 0;
    const load = () => (loads++, d.promise);
    const waiting = [cache.get('k', load), cache.get('k', load), cache.get('k', load)];
    d.resolve(7);
    expect(await Promise.all(waiting)).toEqual([7, 7, 7]);
    expect(await cache.get('k', () => Promise.resolve(8))).toBe(7);
    expect(loads).toBe(1);
    expect(await cache.get('other', () => Promise.resolve(9))).toBe(9);
  });

  test('invalidate drops every answer, so the next caller loads afresh', async () => {
    const cache = new MicroCache<number>(60_000);
    await cache.get('k', () => Promise.resolve(1));
    cache.invalidate();
    expect(cache.size).toBe(0);
    expect(await cache.get('k', () => Promise.resolve(2))).toBe(2);
  });

  test('a failed load is not kept: the next caller tries again', async () => {
    const cache = new MicroCache<number>(60_000);
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', () => Promise.resolve(3))).toBe(3);
  });

  test('an answer older than the time is loaded again; 0 turns the cache off', async () => {
    const cache = new MicroCache<number>(1);
    await cache.get('k', () => Promise.resolve(1));
    await new Promise((r) => setTimeout(r, 5));
    expect(await cache.get('k', () => Promise.resolve(2))).toBe(2);
    const off = new MicroCache<number>(0);
    await off.get('k', () => Promise.resolve(1));
    expect(await off.get('k', () => Promise.resolve(2))).toBe(2);
    expect(off.size).toBe(0);
  });

  test('it keeps at most its number of entries, dropping the oldest', async () => {
    const cache = new MicroCache<number>(60_000, 2);
    for (const k of ['a', 'b', 'c']) await cache.get(k, () => Promise.resolve(1));
    expect(cache.size).toBe(2);
    expect(await cache.get('a', () => Promise.resolve(5))).toBe(5);
  });
});
