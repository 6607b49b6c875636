import type { TestApp } from './harness';

type Who = { token: string };
export const wan = (n: number) => n * 1_000_000;

/** A loan product open to the field MAT at the pilot stage, 100万–2000万 (override anything). */
export const loanProduct = (over: Record<string, unknown> = {}) => ({
  name: '科技成果转化贷',
  instrument: 'loan',
  amountMinFen: wan(100),
  amountMaxFen: wan(2_000),
  termMonthsMin: 6,
  termMonthsMax: 36,
  rateMinBp: 350,
  rateMaxBp: 550,
  fields: ['MAT'],
  stages: ['pilot', 'industrialized'],
  regions: [],
  materials: ['营业执照', '近两年财务报表'],
  description: '知识产权质押，最快两周放款。',
  ...over,
});

/** A 500万 request in MAT at the pilot stage, with confidential details. */
export const financingRequest = (over: Record<string, unknown> = {}) => ({
  title: '高强镁合金中试线建设融资',
  amountFen: wan(500),
  instruments: [],
  termMonths: 24,
  fieldCode: 'MAT',
  stage: 'pilot',
  summary: '中试线设备购置与流动资金。',
  useOfFunds: '机密：设备采购 320 万元，流动资金 180 万元',
  collateral: '机密：厂房抵押，评估值 800 万元',
  ipOffered: ['机密：ZL202310123456.6 发明专利质押'],
  ...over,
});

export const CONFIDENTIAL_MARK = '机密：';

/** Creates and publishes a product as the institution; returns its id. */
export async function publishProduct(app: TestApp, who: Who, over: Record<string, unknown> = {}): Promise<string> {
  const created = await app.http('POST', '/api/financing/products', { token: who.token, body: loanProduct(over) });
  if (created.status !== 201) throw new Error(`product not created: ${JSON.stringify(created.body)}`);
  const id = created.body.product.id as string;
  const pub = await app.http('POST', `/api/financing/products/${id}/status`, {
    token: who.token,
    body: { action: 'publish' },
  });
  if (pub.status !== 200) throw new Error(`product not published: ${JSON.stringify(pub.body)}`);
  return id;
}

/** Creates and opens a request as the requester; returns its id. */
export async function openRequest(app: TestApp, who: Who, over: Record<string, unknown> = {}): Promise<string> {
  const created = await app.http('POST', '/api/financing/requests', { token: who.token, body: financingRequest(over) });
  if (created.status !== 201) throw new Error(`request not created: ${JSON.stringify(created.body)}`);
  const id = created.body.request.id as string;
  const opened = await app.http('POST', `/api/financing/requests/${id}/status`, {
    token: who.token,
    body: { action: 'open' },
  });
  if (opened.status !== 200) throw new Error(`request not opened: ${JSON.stringify(opened.body)}`);
  return id;
}

/** The institution expresses interest; returns the interest's id. */
export async function expressInterest(app: TestApp, who: Who, requestId: string, productId?: string): Promise<string> {
  const res = await app.http('POST', `/api/financing/requests/${requestId}/interests`, {
    token: who.token,
    body: { message: '我行可提供知识产权质押贷款', privateNote: '内部：客户经理张三跟进', productId },
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`interest not expressed: ${JSON.stringify(res.body)}`);
  return res.body.interest.id as string;
}

/** A cast for financing: two banks, a guarantor, a requester enterprise, and the usual staff. */
export async function financingCast(app: TestApp) {
  const cast = await app.cast();
  const bankOrg = await app.createOrg({
    type: 'bank',
    regionCode: '210100',
    name: `测试银行科技支行${app.unique('')}`,
  });
  const otherBankOrg = await app.createOrg({ type: 'bank', regionCode: '210200' });
  const guarantorOrg = await app.createOrg({ type: 'guarantee', regionCode: '210100' });
  return {
    ...cast,
    bankOrg,
    otherBankOrg,
    guarantorOrg,
    bank: await app.createUser({ org: bankOrg }),
    bankMember: await app.createUser({ org: bankOrg, orgRole: 'member' }),
    otherBank: await app.createUser({ org: otherBankOrg }),
    guarantor: await app.createUser({ org: guarantorOrg }),
  };
}
