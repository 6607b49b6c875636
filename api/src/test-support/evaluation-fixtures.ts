import type { OrgRecord } from '../modules/orgs/org.model';
import { achievementBody, files, publish, upload } from './catalog-fixtures';
import type { TestApp } from './harness';

type Who = { token: string };
type Member = Who & { org: OrgRecord };

export const wan = (n: number) => n * 1_000_000;

/** The evaluation cast: an owner with a published achievement, two agencies, another org and staff. */
export async function evaluationCast(app: TestApp) {
  const ownerOrg = await app.createOrg({ type: 'university', regionCode: '210100', name: '评估·沈阳某大学' });
  const evalOrg = await app.createOrg({ type: 'evaluator', regionCode: '210100', name: '评估·沈阳某评估机构' });
  const eval2Org = await app.createOrg({ type: 'evaluator', regionCode: '210200', name: '评估·大连某评估机构' });
  const pendingEvalOrg = await app.createOrg({ type: 'evaluator', status: 'pending', name: '评估·待认证评估机构' });
  const otherOrg = await app.createOrg({ regionCode: '210100' });
  const member = async (org: OrgRecord): Promise<Member> => ({ ...(await app.createUser({ org })), org });
  const cast = {
    owner: await member(ownerOrg),
    evaluator: await member(evalOrg),
    evaluator2: await member(eval2Org),
    pendingEvaluator: await member(pendingEvalOrg),
    other: await member(otherOrg),
    loner: await app.createUser(),
    operator: await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210100'] }),
    otherOperator: await app.createUser({ roles: ['operator'], operatorSubmarkets: ['SM-210200'] }),
    hubOperator: await app.createUser({ roles: ['operator'], operatorSubmarkets: ['HUB'] }),
    admin: await app.createUser({ roles: ['admin'] }),
  };
  const achievementId = await publish(
    app,
    'achievements',
    cast.owner,
    cast.operator,
    achievementBody({ regionCode: '210100', title: `评估测试成果${app.unique('')}` }),
  );
  return { ...cast, achievementId };
}

/** Uploads a PDF as this member's organisation; answers the attachment id. */
export async function uploadPdf(app: TestApp, who: Who, name = '评估报告.pdf'): Promise<string> {
  const res = await upload(app, who, name, files.pdf());
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.attachment.id as string;
}

export const completion = (reportId: string, over: Record<string, unknown> = {}) => ({
  reportId,
  valueMinFen: wan(300),
  valueMaxFen: wan(450),
  method: 'income',
  effectiveDate: '2026-11-30',
  summary: '采用收益法，按许可收益折现测算，评估基准日 2026-11-30。',
  ...over,
});

/** The owner asks the agency; answers the evaluation id. */
export async function requestEvaluation(app: TestApp, owner: Who, achievementId: string, evaluatorOrgId: string) {
  const res = await app.http('POST', '/api/evaluations', {
    token: owner.token,
    body: { achievementId, evaluatorOrgId, note: '用于融资申请' },
  });
  if (res.status !== 201) throw new Error(`request failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.evaluation.id as string;
}
