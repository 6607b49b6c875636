import type { TestApp } from './harness';

type Who = { token: string };

export const achievementBody = (over: Record<string, unknown> = {}) => ({
  title: '高强韧镁合金挤压型材制备技术',
  keywords: ['镁合金', '挤压', '轻量化'],
  form: 'new_material',
  innovationType: 'original',
  stage: 'pilot',
  trl: 6,
  level: 'domestic_leading',
  summary: '针对新能源汽车轻量化需求，开发了稀土微合金化高强韧镁合金及其挤压型材制备工艺，屈服强度提高30%以上。',
  fieldCode: 'MAT',
  subfieldCode: 'MAT-02',
  regionCode: '210500',
  inventors: ['张伟', '李娜'],
  ipRights: [{ type: 'invention', number: 'ZL202210345678.9', legalStatus: 'granted' }],
  transferModes: ['license', 'transfer'],
  tradingMode: 'negotiated',
  price: { negotiable: false, amountFen: 1_200_000_00 },
  confidential: {
    details: '机密：合金成分为 Mg-6Gd-3Y-0.5Zr，挤压温度 420℃，挤压比 16。',
    contact: { name: '王老师', phone: '024-83687000' },
    attachmentIds: [],
  },
  ...over,
});

export const needBody = (over: Record<string, unknown> = {}) => ({
  title: '焊接机器人焊缝实时跟踪技术需求',
  keywords: ['焊缝跟踪', '激光视觉'],
  problem: '现有焊接机器人在中厚板多层多道焊中焊缝偏差大，需要一套基于激光视觉的焊缝实时跟踪方案。',
  indicators: '跟踪精度 ±0.2mm，焊接速度 ≥ 1m/min',
  budget: { negotiable: false, minFen: 50_000_000, maxFen: 150_000_000 },
  deadline: '2027-06-30',
  fieldCode: 'EQP',
  subfieldCode: 'EQP-02',
  regionCode: '210500',
  cooperationModes: ['commissioned_development'],
  confidential: { details: '机密：产线节拍与现有设备型号清单。', attachmentIds: [] },
  ...over,
});

/** Creates, submits and approves a listing; returns its id. */
export async function publish(
  app: TestApp,
  kind: 'achievements' | 'needs',
  owner: Who,
  reviewer: Who,
  body?: Record<string, unknown>,
) {
  const created = await app.http('POST', `/api/${kind}`, {
    token: owner.token,
    body: body ?? (kind === 'achievements' ? achievementBody() : needBody()),
  });
  if (created.status !== 201) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const entity = kind === 'achievements' ? 'achievement' : 'need';
  const id = created.body[entity].id as string;
  const submitted = await app.http('POST', `/api/${kind}/${id}/submit`, { token: owner.token });
  if (submitted.status !== 200) throw new Error(`submit failed: ${JSON.stringify(submitted.body)}`);
  const approved = await app.http('POST', `/api/${kind}/${id}/review`, {
    token: reviewer.token,
    body: { decision: 'approve' },
  });
  if (approved.status !== 200) throw new Error(`approve failed: ${JSON.stringify(approved.body)}`);
  return id;
}

/** Minimal valid files, recognised by their bytes. */
export const files = {
  pdf: () => Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  png: () =>
    Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
      'hex',
    ),
  exeNamedPdf: () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]),
};

export async function upload(app: TestApp, who: Who | null, name: string, bytes: Buffer, field = 'file') {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${app.url}/api/attachments`, {
    method: 'POST',
    headers: who ? { authorization: `Bearer ${who.token}` } : {},
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}
