/**
 * The embedded server answers equality queries through its indexes (the launcher's own non-unique index
 * and a unique index that also takes queries naming more than its keys). Whatever it looks up, the answer
 * must be the one a scan gives: the same operations run on an indexed collection and on an unindexed twin,
 * and every query must return the same documents. Counts (aggregations that start with the filter as $match)
 * must equal what a find returns. Runs on whatever server the suite uses (MongoDB too).
 */
import fc from 'fast-check';
import { MongoClient, type Collection, type Document } from 'mongodb';

let client: MongoClient;
/** Documents keyed by small integers, so a condition on `_id` can be drawn like any other. */
type Row = { _id: number; [field: string]: unknown };
let indexed: Collection<Row>;
let plain: Collection<Row>;

beforeAll(async () => {
  client = await MongoClient.connect(process.env.TEST_MONGODB_URI!, { maxPoolSize: 4 });
  const db = client.db(`index_lookup_${process.pid}`);
  await db.dropDatabase();
  indexed = db.collection<Row>('indexed');
  plain = db.collection<Row>('plain');
  await indexed.createIndex({ k: 1 });
  await indexed.createIndex({ tags: 1, n: -1 });
  await indexed.createIndex({ 'sub.code': 1 });
  await indexed.createIndex({ flag: 1 });
  // Three keys, the later ones often missing, null, arrays or sub-documents: prefixes of one, two and three.
  await indexed.createIndex({ flag: 1, k: 1, 'sub.code': 1 });
  await indexed.createIndex({ key: 1 }, { unique: true });
});

afterAll(async () => {
  await client.db(`index_lookup_${process.pid}`).dropDatabase();
  await client.close();
});

// Values of several BSON types that compare equal across number types (1 and 1.0) but not across types ('1').
const scalar = fc.constantFrom<unknown>('a', 'b', 'c', '1', 1, 1.0, 2, 0, -0, true, false, null, new Date(0));
const doc = fc.record({
  k: fc.option(scalar, { nil: undefined }),
  tags: fc.option(fc.array(scalar, { maxLength: 3 }), { nil: undefined }),
  n: fc.integer({ min: 0, max: 3 }),
  sub: fc.option(fc.oneof(fc.record({ code: scalar }), fc.array(fc.record({ code: scalar }), { maxLength: 2 })), {
    nil: undefined,
  }),
  flag: fc.boolean(),
});
const field = fc.constantFrom('k', 'tags', 'sub.code', 'flag', 'key', '_id');
const condition = fc.oneof(
  scalar,
  fc.record({ $in: fc.array(scalar, { maxLength: 3 }) }),
  fc.record({ $eq: scalar }),
  fc.record({ $ne: scalar }),
  fc.record({ $gte: fc.integer({ min: 0, max: 2 }) }),
);
const query = fc
  .tuple(
    fc.array(fc.tuple(field, condition), { minLength: 1, maxLength: 3 }),
    fc.option(fc.integer({ min: 0, max: 3 })),
  )
  .map(([pairs, n]) => {
    const q: Document = {};
    for (const [f, c] of pairs) q[f] = f === '_id' || f === 'key' ? idCondition(c) : c;
    if (n !== null) q.n = n;
    return q;
  });

/** `_id` and `key` hold small integers here: a condition on them uses integers. */
function idCondition(c: unknown): unknown {
  const asId = (v: unknown) =>
    typeof v === 'number' ? v : typeof v === 'string' ? v.length : typeof v === 'boolean' ? Number(v) : 5;
  if (c === null || typeof c !== 'object' || c instanceof Date) return asId(c);
  const [[op, arg]] = Object.entries(c);
  return { [op]: Array.isArray(arg) ? arg.map(asId) : asId(arg) };
}

const sorted = (docs: Document[]) => docs.map((d) => JSON.stringify(d)).sort();

async function both<T>(fn: (c: Collection<Row>) => Promise<T>): Promise<[T, T]> {
  return [await fn(indexed), await fn(plain)];
}

test('when documents are inserted, updated and deleted, then every equality query through an index answers what a scan answers', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(doc, { minLength: 5, maxLength: 25 }),
      fc.array(fc.tuple(query, fc.constantFrom('find', 'update', 'delete', 'count')), { minLength: 5, maxLength: 15 }),
      async (docs, ops) => {
        await both((c) => c.deleteMany({}));
        const rows = docs.map((d, i) => ({ _id: i, key: i, ...d }));
        await both((c) => c.insertMany(rows.map((r) => ({ ...r }))));
        for (const [q, op] of ops) {
          if (op === 'update') {
            const [a, b] = await both((c) =>
              c.updateMany(q, { $set: { k: 'b', tags: ['c', 1] }, $inc: { n: 1 } } as Document),
            );
            expect(a.modifiedCount).toBe(b.modifiedCount);
          } else if (op === 'delete') {
            const [a, b] = await both((c) => c.deleteMany(q));
            expect(a.deletedCount).toBe(b.deletedCount);
          } else if (op === 'count') {
            // countDocuments is an aggregation whose leading $match the server answers like a find (on both
            // twins), so it is held to what a find on the unindexed twin returns.
            const [a, b] = await both((c) => c.countDocuments(q));
            expect(a).toBe(b);
            expect(a).toBe((await plain.find(q).toArray()).length);
          }
          const [a, b] = await both((c) => c.find(q).toArray());
          expect(sorted(a)).toEqual(sorted(b));
        }
        const [all, allPlain] = await both((c) => c.find({}).toArray());
        expect(sorted(all)).toEqual(sorted(allPlain));
      },
    ),
    { numRuns: 40 },
  );
});

test('when a unique key is taken, then the index still refuses a second document with it and a guarded update finds its document', async () => {
  await indexed.deleteMany({});
  await indexed.insertOne({ _id: 100, key: 100, k: 'a', version: 1 });
  await expect(indexed.insertOne({ _id: 101, key: 100 })).rejects.toMatchObject({ code: 11000 });
  const moved = await indexed.findOneAndUpdate({ _id: 100, version: 1 }, { $set: { version: 2 } });
  expect(moved).toMatchObject({ _id: 100, version: 1 });
  expect(await indexed.findOneAndUpdate({ _id: 100, version: 1 }, { $set: { version: 3 } })).toBeNull();
  expect(await indexed.findOne({ _id: { $in: [100, 7] }, version: 2 })).toMatchObject({ _id: 100 });
  expect(await indexed.find({ k: 'a', version: 2 }).toArray()).toHaveLength(1);
});
