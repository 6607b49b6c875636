/**
 * Property (issue 17): for random pairs of organisations (owner, viewer) and every list and read route a
 * member can call, the viewer never sees a private object or field of the owner's that it is not a party to.
 *
 * Five organisations each make the same world: a paper contract awaiting the next organisation's
 * confirmation, one declined by the organisation after that, one with a buyer off the platform, a draft
 * achievement, a published achievement whose confidential details one organisation unlocked by NDA, a
 * negotiation room the next organisation opened with a message, an uploaded file, a notification and a
 * contract import. Every private thing carries a unique marker; an object's parties are the organisations
 * that may see it. A viewer's lists must not contain the marker or id of anything it is not a party to, and
 * reading such an object answers 404. Unconfirmed contracts must not be on anyone's statement.
 *
 * The pairs come from a seeded PRNG: the seed is printed, and `PRIVACY_SEED=<n>` replays a failure.
 */
import crypto from 'node:crypto';
import { app, listsOf, members, ORGS, secrets, startWorld, unconfirmedTitles } from './privacy.property.fixture';

const PAIRS = Number(process.env.PRIVACY_PAIRS ?? 40);
const SEED = Number(process.env.PRIVACY_SEED ?? crypto.randomInt(1, 2 ** 31));

/** mulberry32: a small, fast PRNG whose whole state is the seed, so a run is replayed from it. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

beforeAll(async () => {
  console.log(
    `privacy property: seed ${SEED} (replay with PRIVACY_SEED=${SEED}), ${PAIRS} pairs of ${ORGS} organisations`,
  );
  await startWorld();
}, 240_000);
afterAll(() => app.stop());

test('for random pairs of organisations, the viewer sees nothing private of the owner it is not a party to', async () => {
  const random = prng(SEED);
  const lists = new Map<number, Array<{ path: string; body: string }>>();
  const failures: string[] = [];
  for (let n = 0; n < PAIRS; n++) {
    const owner = Math.floor(random() * ORGS);
    const viewer = (owner + 1 + Math.floor(random() * (ORGS - 1))) % ORGS;
    if (!lists.has(viewer)) lists.set(viewer, await listsOf(members[viewer]));
    const hidden = secrets.filter((s) => s.owner === owner && !s.parties.has(viewer));
    for (const s of hidden) {
      for (const { path, body } of lists.get(viewer)!) {
        for (const m of s.markers)
          if (body.includes(m))
            failures.push(`pair ${n} (owner ${owner}, viewer ${viewer}): ${path} shows the ${s.what} (${m})`);
      }
      for (const path of s.reads) {
        const res = await app.http('GET', path, { token: members[viewer].token });
        if (res.status !== 404)
          failures.push(
            `pair ${n} (owner ${owner}, viewer ${viewer}): GET ${path} answered ${res.status} for the ${s.what}`,
          );
      }
    }
    // Nobody's statement is for the owner to read, and nothing unconfirmed is on the viewer's own.
    const other = await app.http('GET', `/api/payments/orgs/${members[owner].org._id}/statement`, {
      token: members[viewer].token,
    });
    if (other.status !== 404)
      failures.push(`pair ${n}: viewer ${viewer} read owner ${owner}'s statement (${other.status})`);
    const statement = lists.get(viewer)!.find((l) => l.path.includes('/statement'))!.body;
    for (const t of unconfirmedTitles)
      if (statement.includes(t))
        failures.push(`pair ${n}: viewer ${viewer}'s statement owes for the unconfirmed contract ${t}`);
  }
  expect({ seed: SEED, failures }).toEqual({ seed: SEED, failures: [] });
  // The pairs drew on every kind of secret at least once (a guard against a world that silently shrank).
  expect(new Set(secrets.map((s) => s.what)).size).toBe(9);
}, 240_000);
