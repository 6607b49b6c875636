/**
 * Verification with documents: an organisation puts its 营业执照 / 事业单位法人证书 on file, its operators
 * open it beside the data, and nobody approves an organisation without one. Authorization matrix of
 * PUT /api/orgs/:id/licence and the reading rule of the file.
 */
import { Types } from 'mongoose';
import { files, upload } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
beforeAll(async () => {
  app = await startTestApp();
  cast = await app.cast('pending');
});
afterAll(() => app.stop());

const licencePath = (id: unknown) => `/api/orgs/${String(id)}/licence`;
const stored = async (id: unknown) => (await app.models.Org.findById(id).lean())!;

/** A new pending organisation of Benxi (SM-210500) without a document, and its admin. */
async function applicant() {
  const org = await app.createOrg({ status: 'pending', regionCode: '210500', licence: false });
  const admin = await app.createUser({ org, orgRole: 'org_admin' });
  return { org, admin };
}

test('when anyone but the organisation admin puts a licence, then 401/403/404 and nothing is stored', async () => {
  const { org, admin } = await applicant();
  const member = await app.createUser({ org, orgRole: 'member' });
  const file = (await upload(app, admin, '营业执照.png', files.png())).body.attachment.id as string;
  const body = { attachmentId: file };
  expect((await app.http('PUT', licencePath(org._id), { body })).status).toBe(401);
  expect((await app.http('PUT', licencePath(org._id), { token: cast.other.token, body })).status).toBe(404);
  expect((await app.http('PUT', licencePath(org._id), { token: member.token, body })).status).toBe(403);
  expect((await app.http('PUT', licencePath(org._id), { token: cast.hubOperator.token, body })).status).toBe(403);
  expect((await app.http('PUT', licencePath(org._id), { token: cast.official.token, body })).status).toBe(403);
  expect((await stored(org._id)).licence).toBeNull();
  const res = await app.http('PUT', licencePath(org._id), { token: admin.token, body });
  expect(res.status).toBe(200);
  expect(res.body.org.licence).toMatchObject({ attachmentId: file, kind: 'business_licence', mime: 'image/png' });
  expect((await stored(org._id)).licence).toMatchObject({ attachmentId: file, filename: '营业执照.png' });
  expect(await app.models.Audit.countDocuments({ entityId: String(org._id), action: 'upload_licence' })).toBe(1);
});

test('when the file is not the organisation’s, not an image or PDF, or the body is bad, then 4xx and nothing changes', async () => {
  const { org, admin } = await applicant();
  const foreign = (await upload(app, cast.other, 'x.pdf', files.pdf())).body.attachment.id as string;
  const cases: Array<[unknown, number, string]> = [
    [{ attachmentId: foreign }, 400, 'ATTACHMENT_NOT_USABLE'],
    [{ attachmentId: String(new Types.ObjectId()) }, 400, 'ATTACHMENT_NOT_USABLE'],
    [{ attachmentId: { $ne: null } }, 400, 'VALIDATION_FAILED'],
    [{ attachmentId: 'nope' }, 400, 'VALIDATION_FAILED'],
    [{ attachmentId: foreign, kind: 'business_licence' }, 400, 'VALIDATION_FAILED'],
    [{}, 400, 'VALIDATION_FAILED'],
  ];
  for (const [body, status, code] of cases) {
    const res = await app.http('PUT', licencePath(org._id), { token: admin.token, body });
    expect([res.status, res.body.error.code]).toEqual([status, code]);
    expect(res.body.error.message.zh).toBeTruthy();
  }
  // An Office document is a file the platform accepts, but not a licence.
  const doc = await app.models.Attachment.create({
    ownerOrgId: org._id,
    uploadedBy: admin.user._id,
    filename: '执照.docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    size: 10,
    sha256: 'x',
    storageKey: 'none',
  });
  const word = await app.http('PUT', licencePath(org._id), {
    token: admin.token,
    body: { attachmentId: String(doc._id) },
  });
  expect([word.status, word.body.error.code]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
  expect((await stored(org._id)).licence).toBeNull();
});

test('when an operator approves an organisation without a licence, then 409 LICENCE_MISSING; with one, it is verified', async () => {
  const { org, admin } = await applicant();
  const approve = () =>
    app.http('POST', `/api/orgs/${org._id}/verify`, { token: cast.hubOperator.token, body: { decision: 'approve' } });
  const refused = await approve();
  expect([refused.status, refused.body.error.code]).toEqual([409, 'LICENCE_MISSING']);
  expect(refused.body.error.message.en).toContain('licence');
  expect((await stored(org._id)).verification!.status).toBe('pending');
  const file = (await upload(app, admin, '执照.pdf', files.pdf())).body.attachment.id as string;
  await app.http('PUT', licencePath(org._id), { token: admin.token, body: { attachmentId: file } });
  expect((await approve()).status).toBe(200);
  expect((await stored(org._id)).verification!.status).toBe('verified');
});

test('when the licence is on file, then its operators and members open it, and other organisations and operators get 404', async () => {
  const { org, admin } = await applicant();
  const file = (await upload(app, admin, '执照.pdf', files.pdf())).body.attachment.id as string;
  await app.http('PUT', licencePath(org._id), { token: admin.token, body: { attachmentId: file } });
  const open = async (token?: string) => (await app.http('GET', `/api/attachments/${file}`, { token })).status;
  expect(await open()).toBe(404);
  expect(await open(cast.other.token)).toBe(404);
  expect(await open(cast.cityOperator.token)).toBe(404); // Dalian's operator; the organisation is in Benxi
  expect(await open(cast.hubOperator.token)).toBe(200);
  expect(await open(cast.admin.token)).toBe(200);
  expect(await open(admin.token)).toBe(200);
  // The detail the operator reviews names the document; the public card does not.
  const detail = await app.http('GET', `/api/orgs/${org._id}`, { token: cast.hubOperator.token });
  expect(detail.body.org.licence).toMatchObject({ attachmentId: file, mime: 'application/pdf' });
});

test('when a rejected organisation sends a new licence, then it is back in the queue', async () => {
  const { org, admin } = await applicant();
  await app.models.Org.updateOne({ _id: org._id }, { $set: { 'verification.status': 'rejected' } });
  const file = (await upload(app, admin, '执照.png', files.png())).body.attachment.id as string;
  const res = await app.http('PUT', licencePath(org._id), { token: admin.token, body: { attachmentId: file } });
  expect(res.body.org.verification.status).toBe('pending');
  expect((await stored(org._id)).verification!.status).toBe('pending');
});
