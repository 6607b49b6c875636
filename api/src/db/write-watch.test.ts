/**
 * The directory caches (organisation summaries, notice recipients, muted categories) never show an instance
 * its own stale data: every kind of write through a watched model clears them, whichever code made it. A
 * change made past this instance's models (another instance) shows once DIRECTORY_CACHE_MS has passed.
 */
import mongoose, { Schema, Types } from 'mongoose';
import { startTestApp, type TestApp } from '../test-support/harness';
import { onModelWrite, ReadCache, watchWrites } from './write-watch';

describe('write watch', () => {
  let conn: mongoose.Connection;
  beforeAll(async () => {
    conn = await mongoose
      .createConnection(process.env.TEST_MONGODB_URI!, { dbName: `write_watch_${process.pid}` })
      .asPromise();
  });
  afterAll(async () => {
    await conn.dropDatabase();
    await conn.close();
  });

  test('when a watched model is written in any way, then its listeners are told each time, and another model’s are not', async () => {
    const schema = new Schema({ name: String, n: Number });
    watchWrites(schema);
    const Watched = conn.model('Watched', schema);
    const otherSchema = new Schema({ name: String });
    watchWrites(otherSchema);
    const Other = conn.model('OtherWatched', otherSchema);
    let told = 0;
    let otherTold = 0;
    onModelWrite(Watched, () => told++);
    onModelWrite(Other, () => otherTold++);
    const doc = await Watched.create({ name: 'a', n: 1 });
    const writes: Array<() => Promise<unknown>> = [
      () => Watched.insertMany([{ name: 'b' }]),
      () => Watched.updateOne({ _id: doc._id }, { $inc: { n: 1 } }),
      () => Watched.updateMany({}, { $set: { name: 'c' } }),
      () => Watched.findOneAndUpdate({ _id: doc._id }, { $set: { n: 5 } }),
      () => Watched.replaceOne({ _id: doc._id }, { name: 'd', n: 0 }),
      () => Watched.bulkWrite([{ updateOne: { filter: { _id: doc._id }, update: { $set: { n: 9 } } } }]),
      () => Watched.deleteOne({ name: 'b' }),
      () => Watched.findOneAndDelete({ _id: doc._id }),
      () => Watched.deleteMany({}),
    ];
    expect(told).toBe(1);
    for (const [i, write] of writes.entries()) {
      await write();
      expect(told).toBe(i + 2);
    }
    expect(otherTold).toBe(0);
    await Other.create({ name: 'x' });
    expect(otherTold).toBe(1);
    expect(told).toBe(writes.length + 1);
  });

  test('when a cache is cleared while a load runs, then what that load read is not kept', () => {
    const cache = new ReadCache<string>(60_000);
    const before = cache.version;
    cache.clear();
    cache.set('k', 'stale', before);
    expect(cache.get('k')).toBeUndefined();
    cache.set('k', 'fresh', cache.version);
    expect(cache.get('k')).toBe('fresh');
    expect(new ReadCache<string>(0).get('k')).toBeUndefined();
  });
});

describe('directory caches in the app', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ DIRECTORY_CACHE_MS: 60_000 });
  });
  afterAll(() => app?.stop());

  test('when an organisation is renamed through this instance, then its summary shows the new name at once; a change made elsewhere waits for the cache time', async () => {
    const org = await app.createOrg({ type: 'university' });
    const orgs = app.running.ctx.services.orgDirectory;
    expect((await orgs.summary(org._id))?.name).toBe(org.name);
    await app.models.Org.updateOne({ _id: org._id }, { $set: { name: '改名后的大学' } });
    expect((await orgs.summary(org._id))?.name).toBe('改名后的大学');
    // Another instance writes past this one's models: this one keeps its cached summary for DIRECTORY_CACHE_MS.
    await app.models.Org.collection.updateOne(
      { _id: new Types.ObjectId(String(org._id)) },
      { $set: { name: '别处改名' } },
    );
    expect((await orgs.summary(org._id))?.name).toBe('改名后的大学');
    orgs.changed();
    expect((await orgs.summary(org._id))?.name).toBe('别处改名');
  });

  test('when a member mutes a category, then the next notice of that category skips them at once', async () => {
    const { user, token } = await app.createUser({ org: await app.createOrg() });
    const id = String(user._id);
    const notifications = app.running.ctx.services.notifications;
    expect(await notifications.mutedAmong([id], 'listing')).toEqual(new Set());
    const put = await app.http('PUT', '/api/notifications/preferences', { token, body: { off: ['listing'] } });
    expect(put.status).toBe(200);
    expect(await notifications.mutedAmong([id], 'listing')).toEqual(new Set([id]));
    expect(await notifications.mutedAmong([id], 'payment')).toEqual(new Set());
  });
});
