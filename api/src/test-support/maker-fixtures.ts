import { residentIdCheckChar } from '../shared/makers';
import { files, upload } from './catalog-fixtures';
import type { TestApp } from './harness';

type Who = { token: string };
let serial = 0;

/** A check-valid resident ID of a person born in Shenyang in 1990, unique within the run. */
export function residentId(): string {
  serial = (serial + 1) % 1000;
  const day = String(1 + (Math.floor(Math.random() * 28) % 28)).padStart(2, '0');
  const seq = String(Math.floor(Math.random() * 900) + 100 + serial).slice(-3);
  const first17 = `210102199005${day}${seq}`;
  return first17 + residentIdCheckChar(first17);
}

export const individualMaker = (over: Record<string, unknown> = {}) => ({
  kind: 'individual',
  realName: '李创',
  idNumber: residentId(),
  regionCode: '210100',
  fields: ['EQP', 'ICT'],
  skills: ['机器视觉', '嵌入式'],
  bio: '十年工业相机研发经验，专注焊缝识别。',
  ...over,
});

export const makerTeam = (over: Record<string, unknown> = {}) => ({
  kind: 'team',
  teamName: '沈阳星火创客团队',
  leaderName: '王队',
  idNumber: residentId(),
  regionCode: '210100',
  fields: ['NEN'],
  skills: ['储能', '电池管理'],
  bio: '高校毕业生创业团队。',
  inviteEmails: [],
  ...over,
});

/** Registers the user as a maker; returns the maker's id. */
export async function registerMaker(app: TestApp, who: Who, body: Record<string, unknown>): Promise<string> {
  const res = await app.http('POST', '/api/makers', { token: who.token, body });
  if (res.status !== 201) throw new Error(`maker not registered: ${JSON.stringify(res.body)}`);
  return res.body.maker.id as string;
}

/** The maker puts an ID card scan on file and an operator approves it. */
export async function verifyMaker(app: TestApp, who: Who, makerId: string, operator: Who): Promise<void> {
  const att = await upload(app, who, '身份证.png', files.png());
  if (att.status !== 201) throw new Error(`upload failed: ${JSON.stringify(att.body)}`);
  const lic = await app.http('PUT', `/api/orgs/${makerId}/licence`, {
    token: who.token,
    body: { attachmentId: att.body.attachment.id },
  });
  if (lic.status !== 200) throw new Error(`licence failed: ${JSON.stringify(lic.body)}`);
  const ok = await app.http('POST', `/api/orgs/${makerId}/verify`, {
    token: operator.token,
    body: { decision: 'approve' },
  });
  if (ok.status !== 200) throw new Error(`verify failed: ${JSON.stringify(ok.body)}`);
}
