import { Types } from 'mongoose';
import type { AppContext } from '../app-context';
import { createAchievementBody, createNeedBody } from '../shared/catalog-schemas';
import { submarketForRegion, technicalFields } from '../shared/taxonomy';
import { inventorNames, needSuffixes, titleSuffixes, vocab } from './catalog-demo-data';

/** Deterministic PRNG (mulberry32) so the demo catalogue is the same on every machine. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Chinese patent number with its check digit (weights 2–9,2–5 over the 12 digits, mod 11; 10 → X). */
export function patentNumber(year: number, kind: 1 | 2 | 3, serial: number): string {
  const digits = `${year}${kind}${String(serial).padStart(7, '0')}`;
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = [...digits].reduce((s, d, i) => s + Number(d) * weights[i], 0) % 11;
  return `ZL${digits}.${sum === 10 ? 'X' : sum}`;
}

const FIELDS = technicalFields.map((f) => f.code);

export function generateAchievements(count: number, holders: Map<string, { regionCode: string }>) {
  const r = rng(20260123);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const out: Array<{
    key: string;
    holderKey: string;
    content: Record<string, unknown>;
    status: 'published' | 'pending_review' | 'draft';
    publishedAt: Date;
  }> = [];
  for (let i = 0; i < count; i++) {
    const fieldCode = FIELDS[i % FIELDS.length];
    const v = vocab[fieldCode];
    const field = technicalFields.find((f) => f.code === fieldCode)!;
    const subject = v.subjects[Math.floor(i / FIELDS.length) % v.subjects.length];
    const holderKey = v.holders[Math.floor(r() * v.holders.length)];
    const holder = holders.get(holderKey)!;
    const sub = pick(field.children);
    const stage = pick(['rd', 'pilot_small', 'pilot', 'pilot', 'industrialized']);
    const trl = { rd: 3, pilot_small: 5, pilot: 6, industrialized: 8 }[stage as 'rd'] + (r() < 0.4 ? 1 : 0);
    const year = 2019 + Math.floor(r() * 7);
    const ipType = pick(['invention', 'invention', 'invention', 'utility', 'software']);
    const negotiable = r() < 0.3;
    // Log-uniform 5万–800万元, a few up to 3000万元 (domain.md §7).
    const wan = Math.round(Math.exp(Math.log(5) + r() * (Math.log(r() < 0.05 ? 3000 : 800) - Math.log(5))));
    const title = `${subject}${pick(titleSuffixes)}`;
    const level = pick([
      'intl_advanced',
      'domestic_leading',
      'domestic_leading',
      'domestic_advanced',
      'intl_leading',
      'unrated',
    ]);
    const content = createAchievementBody.parse({
      title: i >= FIELDS.length * v.subjects.length ? `${title}（${['二期', '改进型', '产业化版'][i % 3]}）` : title,
      keywords: [subject.slice(0, 6), sub.zh, field.zh.slice(0, 6)],
      form: pick(v.forms),
      innovationType: pick(['original', 'original', 'reinnovation', 'secondary']),
      stage,
      trl: Math.min(9, trl),
      level,
      summary:
        `【背景】${sub.zh}领域长期存在效率低、成本高、依赖进口等问题。` +
        `【创新点】本成果围绕${subject}，突破了关键工艺与核心部件设计，形成自主知识产权。` +
        `【应用领域】可应用于${field.zh}及相关行业的${sub.zh}场景。` +
        `【技术水平】经第三方评价达到${{ intl_leading: '国际领先', intl_advanced: '国际先进', domestic_leading: '国内领先', domestic_advanced: '国内先进', unrated: '行业先进' }[level]}水平。` +
        `【市场前景】辽宁及东北地区相关企业需求旺盛，预计可带动产值数千万元。`,
      fieldCode,
      subfieldCode: sub.code,
      tags: r() < 0.2 ? [pick(['bottleneck', 'generic_key', 'civil_military', 'specialized'])] : [],
      regionCode: holder.regionCode,
      inventors: [pick(inventorNames), pick(inventorNames), pick(inventorNames)].filter(
        (n, j, a) => a.indexOf(n) === j,
      ),
      ipRights: [
        {
          type: ipType,
          number:
            ipType === 'software'
              ? `${year}SR${String(100000 + i * 37).padStart(7, '0')}`
              : patentNumber(year, ipType === 'utility' ? 2 : 1, 100000 + i * 7919),
          legalStatus: 'granted',
          applicationDate: `${year}-0${1 + (i % 9)}-15`,
        },
      ],
      transferModes: [pick(['license', 'transfer', 'joint_development']), ...(r() < 0.4 ? ['service'] : [])].filter(
        (m, j, a) => a.indexOf(m) === j,
      ),
      tradingMode: pick(['negotiated', 'negotiated', 'listed', 'open_license', 'use_first']),
      price: negotiable ? { negotiable: true } : { negotiable: false, amountFen: wan * 1_000_000 },
      confidential: {
        details: `关键工艺参数、配方及试验数据（签署保密协议后可见）。样品批次 ${2024 + (i % 3)}-${String(i).padStart(3, '0')}。`,
        contact: {
          name: `${pick(inventorNames).slice(0, 1)}老师`,
          phone: `0${pick(['24', '411', '412', '413'])}-8${String(1000000 + i * 113).slice(1)}`,
        },
        attachmentIds: [],
      },
    }) as Record<string, unknown>;
    const status = i % 29 === 5 ? 'pending_review' : i % 43 === 7 ? 'draft' : 'published';
    const publishedAt = new Date(
      Date.UTC(2024, 0, 1) + Math.floor(r() * (Date.UTC(2026, 10, 20) - Date.UTC(2024, 0, 1))),
    );
    out.push({ key: `seed:achievement:${i}`, holderKey, content, status, publishedAt });
  }
  return out;
}

export function generateNeeds(count: number, posters: Array<{ key: string; regionCode: string }>) {
  const r = rng(600);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const out: Array<{ key: string; posterKey: string; content: Record<string, unknown>; publishedAt: Date }> = [];
  for (let i = 0; i < count; i++) {
    const fieldCode = FIELDS[(i * 7) % FIELDS.length];
    const v = vocab[fieldCode];
    const field = technicalFields.find((f) => f.code === fieldCode)!;
    const poster = posters[i % posters.length];
    const problem = v.problems[i % v.problems.length];
    const maxWan = Math.round(10 + r() * 490);
    const challenge = i % 15 === 3;
    const closesAt = new Date(
      Date.UTC(2026, 11, 1) + (i % 4) * 20 * 86_400_000 + (i % 5 === 0 ? -200 * 86_400_000 : 0),
    );
    const content = createNeedBody.parse({
      title: `${problem}${pick(needSuffixes)}${i >= v.problems.length * FIELDS.length ? `（${i}）` : ''}`,
      keywords: [problem.slice(0, 8), field.zh.slice(0, 6)],
      problem: `我公司在${field.zh}生产中面临「${problem}」问题，现有方案成本高、稳定性不足，影响交付与质量，希望与高校院所合作攻关。`,
      indicators: `关键指标提升 ${10 + (i % 30)}% 以上；满足连续生产 ${1 + (i % 3) * 2} 个月稳定运行。`,
      budget:
        r() < 0.2
          ? { negotiable: true }
          : { negotiable: false, minFen: Math.round(maxWan * 0.4) * 1_000_000, maxFen: maxWan * 1_000_000 },
      deadline: `2027-0${1 + (i % 9)}-28`,
      fieldCode,
      subfieldCode: pick(field.children).code,
      regionCode: poster.regionCode,
      cooperationModes: [
        pick(['commissioned_development', 'joint_development', 'transfer', 'license', 'consulting', 'service']),
      ],
      ...(challenge
        ? { challenge: { rewardFen: (50 + (i % 6) * 50) * 1_000_000, closesAt: closesAt.toISOString() } }
        : {}),
      confidential: { details: '现有产线工艺参数与设备清单（签署保密协议后可见）。', attachmentIds: [] },
    }) as Record<string, unknown>;
    const publishedAt = new Date(
      Date.UTC(2025, 0, 1) + Math.floor(r() * (Date.UTC(2026, 10, 20) - Date.UTC(2025, 0, 1))),
    );
    out.push({ key: `seed:need:${i}`, posterKey: poster.key, content, publishedAt });
  }
  return out;
}

/** Inserts whatever part of the demo catalogue is missing (keyed by originKey), in batches. */
export async function seedCatalog(
  ctx: AppContext,
  orgIds: Map<string, Types.ObjectId>,
): Promise<{ achievements: number; needs: number }> {
  const { seeding } = ctx.services;
  const orgs = await seeding.orgs.byIds([...orgIds.values()]);
  const byKey = new Map(orgs.map((o) => [o.seedKey as string, o]));
  const holders = new Map([...byKey].map(([k, o]) => [k, { regionCode: o.regionCode }]));
  const system = new Types.ObjectId('000000000000000000000001');
  const listing = (
    key: string,
    orgKey: string,
    content: Record<string, unknown>,
    status: string,
    publishedAt: Date,
  ) => {
    const org = byKey.get(orgKey)!;
    const published = status === 'published';
    return {
      _id: new Types.ObjectId(),
      ownerOrgId: org._id,
      ownerOrgType: org.type,
      createdBy: system,
      submarketCode: submarketForRegion(String(content.regionCode)),
      status,
      content,
      live: published ? content : null,
      revision: { status: null },
      review: published ? { decidedAt: publishedAt, decidedBy: '系统初始化 seed' } : {},
      publishedAt: published ? publishedAt : undefined,
      originKey: key,
      version: 1,
      searchDirty: true,
      award: null,
      createdAt: publishedAt,
      updatedAt: publishedAt,
    };
  };
  const missing = async (kind: 'achievement' | 'need', keys: string[]) => {
    const absent = await seeding.listings.missingOriginKeys(kind, keys);
    return (k: string) => absent.has(k);
  };

  const achievements = generateAchievements(320, holders);
  const needAch = await missing(
    'achievement',
    achievements.map((a) => a.key),
  );
  const achDocs = achievements
    .filter((a) => needAch(a.key))
    .map((a) => listing(a.key, a.holderKey, a.content, a.status, a.publishedAt));
  const posters = [...byKey]
    .filter(([, o]) => o.type === 'enterprise' && o.seedKey !== 'ent-med' && o.seedKey !== 'ent-agri')
    .map(([key, o]) => ({ key, regionCode: o.regionCode }));
  const needs = generateNeeds(130, posters);
  const needNeed = await missing(
    'need',
    needs.map((n) => n.key),
  );
  const needDocs = needs
    .filter((n) => needNeed(n.key))
    .map((n) =>
      listing(n.key, n.posterKey, n.content, n.key.endsWith(':7') ? 'pending_review' : 'published', n.publishedAt),
    );
  await seeding.listings.insertSeeded('achievement', achDocs);
  await seeding.listings.insertSeeded('need', needDocs);
  return { achievements: achDocs.length, needs: needDocs.length };
}
