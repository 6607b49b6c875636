import { Router, type Request } from 'express';
import type { AppContext } from '../../app-context';
import { AppError } from '../../http/errors';
import { defineRoute, idParams } from '../../http/route';
import {
  confirmationBody,
  createContractBody,
  fileRegistrationBody,
  fromDealBody,
  listContractsQuery,
  signBody,
  updateContractBody,
} from '../../shared/contract-schemas';
import { IDEMPOTENCY_HEADER, idempotencyKeySchema } from '../../shared/idempotency';
import { renderContractPdf } from './contract-document';
import { presentContract, presentContractRow, presentRegistration } from './contract.presenter';
import { contractImportRoutes } from './contract-import.routes';
import { registrationsRoutes } from './registrations.routes';

/** The optional Idempotency-Key of a paper-contract entry; a malformed one is refused rather than ignored. */
function idempotencyKey(req: Request): string | undefined {
  const raw = req.get(IDEMPOTENCY_HEADER);
  if (raw === undefined) return undefined;
  const parsed = idempotencyKeySchema.safeParse(raw);
  if (!parsed.success) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  return parsed.data;
}

/** /api/contracts (technology contracts, signing, filing) and /api/registrations (officials' review). */
export function contractsRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const { contracts } = ctx.services;
  const tags = ['contracts'];
  const meta = (req: { ip?: string }) => ({ ip: req.ip });

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/contracts',
      summary: "My organisation's contracts; officials: their region's (drill-down filters)",
      tags,
      auth: 'user',
      query: listContractsQuery,
    },
    async ({ user, query }) => {
      const page = await contracts.list(user!, query);
      return { ...page, items: page.items.map(presentContractRow) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/contracts',
      summary:
        'Enter a contract signed off the platform (the seller enters it; a buyer on the platform confirms it before it counts as signed); an Idempotency-Key header makes a retry answer the first contract',
      tags,
      auth: 'user',
      body: createContractBody,
      status: 201,
    },
    async ({ user, body, req }) => ({
      contract: presentContract(await contracts.createDirect(user!, body.terms, meta(req), idempotencyKey(req)), user),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/contracts/from-deal',
      summary:
        'The draft contract of a deal: made when the offer is accepted, so this answers it (200); 201 only for a deal agreed before drafts were made on acceptance',
      tags,
      auth: 'user',
      body: fromDealBody,
      status: 201,
    },
    async ({ user, body, req, res }) => {
      const { contract, created } = await contracts.fromDeal(user!, body.dealId, meta(req));
      res.status(created ? 201 : 200).json({ contract: presentContract(contract, user), created });
    },
  );

  // Before /api/contracts/:id, which would take import-template.xlsx for an id.
  router.use(contractImportRoutes(ctx));

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/contracts/:id',
      summary: 'A contract with its registrations and history',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => {
      const { contract, registrations: regs, history } = await contracts.detail(user!, params.id);
      return {
        contract: presentContract(contract, user),
        registrations: regs.map(presentRegistration),
        history: history.map((h) => ({
          action: h.action,
          from: h.from ?? null,
          to: h.to ?? null,
          actorName: h.actorName ?? null,
          reason: h.reason ?? null,
          at: new Date(h.at).toISOString(),
        })),
      };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'patch',
      path: '/api/contracts/:id',
      summary:
        'Change the terms of a draft (voids its signatures; 409 CONTRACT_SIGNED once both parties signed a platform contract)',
      tags,
      auth: 'user',
      params: idParams,
      body: updateContractBody,
    },
    async ({ user, params, body, req }) => ({
      contract: presentContract(
        await contracts.update(user!, params.id, body.terms, body.expectedVersion, meta(req)),
        user,
      ),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/contracts/:id/document.pdf',
      summary: 'The printable contract (PDF, Chinese)',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params, res }) => {
      const c = await contracts.load(user!, params.id, 'read');
      const pdf = await renderContractPdf(c);
      res
        .set({
          'Content-Type': 'application/pdf',
          'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(`${c.contractNo}.pdf`)}`,
          'Cache-Control': 'no-store',
        })
        .send(pdf);
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/contracts/:id/sign',
      summary:
        "Sign the document version I read (its SHA-256) for my organisation's side; refused while a registration rule fails (422 SIGNING_RULES_FAILED) or when already signed (409 ALREADY_SIGNED)",
      tags,
      auth: 'user',
      params: idParams,
      body: signBody,
    },
    async ({ user, params, body, req }) => ({
      contract: presentContract(await contracts.sign(user!, params.id, body, meta(req)), user),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/contracts/:id/confirmation',
      summary:
        'The buyer named in a paper contract accepts the version it read (its SHA-256) or declines it with a reason',
      tags,
      auth: 'user',
      params: idParams,
      body: confirmationBody,
    },
    async ({ user, params, body, req }) => ({
      contract: presentContract(await contracts.confirmation(user!, params.id, body, meta(req)), user),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/contracts/:id/registration',
      summary: 'The seller files the contract for registration (认定登记)',
      tags,
      auth: 'user',
      params: idParams,
      body: fileRegistrationBody,
      status: 201,
    },
    async ({ user, params, body, req }) => {
      const { contract, registration } = await contracts.file(user!, params.id, body.note, meta(req));
      return { contract: presentContract(contract, user), registration: presentRegistration(registration) };
    },
  );

  router.use(registrationsRoutes(ctx));
  return router;
}
