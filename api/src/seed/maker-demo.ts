import { Types } from 'mongoose';
import type { AppContext } from '../app-context';
import { makerTypeOf, maskResidentId } from '../shared/makers';
import { submarketForRegion } from '../shared/taxonomy';
import { makerIdHash } from '../modules/orgs/maker-identity';
import { demoMakers, SYSTEM } from './maker-demo-data';

// The makers and their accounts are data (maker-demo-data.ts); their achievements, proposal and request are
// seeded by maker-demo-work.ts.
export { demoMakers, makerDemoUsers } from './maker-demo-data';
export { makerAchievements, seedMakerWork } from './maker-demo-work';

/** Upserts the maker organisations by seedKey (never overwriting) and adds them to the key → id map. */
export async function seedMakerOrgs(ctx: AppContext, orgIds: Map<string, Types.ObjectId>): Promise<number> {
  let created = 0;
  for (const m of demoMakers) {
    const { id, created: now } = await ctx.services.seeding.orgs.upsertBySeedKey(m.key, {
      name: m.name,
      type: makerTypeOf(m.kind),
      makerKey: `${m.kind === 'team' ? 'team' : 'person'}:${makerIdHash(m.idNumber)}`,
      maker: {
        kind: m.kind,
        leaderName: m.leaderName,
        idMasked: maskResidentId(m.idNumber),
        idHash: makerIdHash(m.idNumber),
        fields: m.fields,
        skills: m.skills,
      },
      regionCode: m.regionCode,
      submarketCode: submarketForRegion(m.regionCode),
      description: m.bio,
      contactName: m.leaderName ?? m.name,
      verification: m.verified
        ? { status: 'verified', decidedAt: new Date('2026-03-02T09:00:00+08:00'), decidedBy: '系统初始化 seed' }
        : { status: 'pending' },
      createdBy: SYSTEM,
    });
    created += Number(now);
    orgIds.set(m.key, id);
  }
  return created;
}
