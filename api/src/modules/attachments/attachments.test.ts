import { achievementBody, files, upload } from '../../test-support/catalog-fixtures';
import { startTestApp, type TestApp } from '../../test-support/harness';
import { bankBody, idem, paymentCast, plan, receipt, signedContract } from '../payments/testing/payment-fixtures';

let app: TestApp;
let cast: Awaited<ReturnType<TestApp['cast']>>;
beforeAll(async () => {
  app = await startTestApp({ UPLOAD_MAX_MB: 1 });
  cast = await app.cast();
});
afterAll(() => app.stop());

describe('upload', () => {
  test('when a PDF and a PNG are uploaded, then their types come from the bytes and the files are stored', async () => {
    const pdf = await upload(app, cast.owner, 'report.bin', files.pdf());
    expect(pdf.status).toBe(201);
    expect(pdf.body.attachment).toMatchObject({ filename: 'report.bin', mime: 'application/pdf' });
    const png = await upload(app, cast.owner, '示意图.png', files.png());
    expect(png.body.attachment).toMatchObject({ filename: '示意图.png', mime: 'image/png' });
    expect(await app.models.Attachment.countDocuments({ ownerOrgId: cast.ownerOrg._id })).toBeGreaterThanOrEqual(2);
  });

  test('when an executable is named .pdf, or the file is too big, or missing, then 4xx and nothing is stored', async () => {
    const before = await app.models.Attachment.countDocuments();
    const exe = await upload(app, cast.owner, 'innocent.pdf', files.exeNamedPdf());
    expect(exe.status).toBe(415);
    expect(exe.body.error.code).toBe('UNSUPPORTED_FILE_TYPE');
    const big = await upload(app, cast.owner, 'big.pdf', Buffer.concat([files.pdf(), Buffer.alloc(1024 * 1024 + 10)]));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('FILE_TOO_LARGE');
    const wrongField = await upload(app, cast.owner, 'a.pdf', files.pdf(), 'document');
    expect(wrongField.status).toBe(400);
    expect((await upload(app, null, 'a.pdf', files.pdf())).status).toBe(401);
    expect((await upload(app, cast.loner, 'a.pdf', files.pdf())).status).toBe(403);
    expect(await app.models.Attachment.countDocuments()).toBe(before);
  });
});

describe('download rules', () => {
  test('when files hang on a listing, then the image is public once published and the confidential file needs the NDA', async () => {
    const image = (await upload(app, cast.owner, 'photo.png', files.png())).body.attachment.id;
    const secret = (await upload(app, cast.owner, '工艺参数.pdf', files.pdf())).body.attachment.id;
    const body = achievementBody({ imageIds: [image], confidential: { details: '细节', attachmentIds: [secret] } });
    const created = await app.http('POST', '/api/achievements', { token: cast.owner.token, body });
    const id = created.body.achievement.id;
    const get = (att: string, who?: { token: string }) =>
      fetch(`${app.url}/api/attachments/${att}`, { headers: who ? { authorization: `Bearer ${who.token}` } : {} });

    // Draft: only the owner organisation.
    expect((await get(image)).status).toBe(404);
    expect((await get(image, cast.owner)).status).toBe(200);
    expect((await get(secret, cast.member)).status).toBe(200);
    expect((await get(secret, cast.hubOperator)).status).toBe(200);

    await app.http('POST', `/api/achievements/${id}/submit`, { token: cast.owner.token });
    await app.http('POST', `/api/achievements/${id}/review`, {
      token: cast.hubOperator.token,
      body: { decision: 'approve' },
    });
    const publicImage = await get(image);
    expect(publicImage.status).toBe(200);
    expect(publicImage.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await publicImage.arrayBuffer())).toEqual(files.png());
    expect((await get(secret)).status).toBe(404);
    expect((await get(secret, cast.other)).status).toBe(404);
    expect((await get(secret, cast.official)).status).toBe(404);

    await app.http('POST', `/api/achievements/${id}/nda`, { token: cast.other.token });
    const afterNda = await get(secret, cast.other);
    expect(afterNda.status).toBe(200);
    expect(afterNda.headers.get('content-disposition')).toContain(encodeURIComponent('工艺参数.pdf'));
  });

  test("when a listing references another organisation's file, then 400 and nothing is created", async () => {
    const theirs = (await upload(app, cast.other, 'theirs.pdf', files.pdf())).body.attachment.id;
    const before = await app.models.Achievement.countDocuments();
    const res = await app.http('POST', '/api/achievements', {
      token: cast.owner.token,
      body: achievementBody({ confidential: { details: '', attachmentIds: [theirs] } }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('ATTACHMENT_NOT_USABLE');
    expect(await app.models.Achievement.countDocuments()).toBe(before);
  });

  test('when the id is unknown or malformed, then 404 / 400', async () => {
    expect((await app.http('GET', '/api/attachments/65f000000000000000000000')).status).toBe(404);
    expect((await app.http('GET', '/api/attachments/../../etc/passwd')).status).toBe(404);
    expect((await app.http('GET', '/api/attachments/zzz')).body.error.code).toBe('INVALID_ID');
  });
});

describe('bank-transfer receipts', () => {
  test('when a buyer declares a transfer with a receipt, then finance staff can open it, the payer can, and nobody else can', async () => {
    const pc = await paymentCast(app);
    const contractId = await signedContract(app, pc);
    const [first] = (await plan(app, pc.buyer, contractId)).payables;
    const att = await receipt(app, pc.buyer);
    const get = (who?: { token: string }) =>
      fetch(`${app.url}/api/attachments/${att}`, { headers: who ? { authorization: `Bearer ${who.token}` } : {} });
    // Before it is used as a receipt, finance has no business with the file.
    expect((await get(pc.finance)).status).toBe(404);
    const declared = await app.http('POST', `/api/payments/payables/${first.id}/bank-transfer`, {
      token: pc.buyer.token,
      headers: { 'Idempotency-Key': idem() },
      body: bankBody(att, first.amountFen),
    });
    expect(declared.status).toBe(201);
    const forFinance = await get(pc.finance);
    expect(forFinance.status).toBe(200);
    expect(forFinance.headers.get('content-type')).toContain('application/pdf');
    expect((await get(pc.buyer)).status).toBe(200);
    for (const who of [undefined, pc.seller, pc.other, pc.official, pc.broker])
      expect((await get(who)).status).toBe(404);
  });
});
