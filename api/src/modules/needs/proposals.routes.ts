import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams, objectId } from '../../http/route';
import { proposalBody, proposalDecisionBody } from '../../shared/catalog-schemas';
import { orgSummaries } from '../listings/listing.presenter';
import { presentProposal } from './proposals.service';

export function proposalsRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry, services } = ctx;
  const tags = ['needs'];

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/needs/:id/proposals',
      summary: '揭榜: submit a proposal to an open challenge',
      tags,
      auth: 'user',
      params: idParams,
      body: proposalBody,
      status: 201,
    },
    async ({ user, params, body, req }) => ({
      proposal: presentProposal(await services.proposals.submit(user!, params.id, body, req.ip)),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/needs/:id/proposals',
      summary: 'Proposals: all for the poster, own for a proposer',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => {
      const { items } = await services.proposals.list(user!, params.id);
      const orgs = await orgSummaries(
        services.orgDirectory,
        items.map((p) => p.orgId),
      );
      return { items: items.map((p) => presentProposal(p, orgs.get(String(p.orgId))?.name)) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/needs/:id/proposals/:proposalId/decision',
      summary: 'Poster shortlists, declines or selects the winner',
      tags,
      auth: 'user',
      params: z.strictObject({ id: objectId(), proposalId: objectId() }),
      body: proposalDecisionBody,
    },
    async ({ user, params, body, req }) => ({
      proposal: presentProposal(
        await services.proposals.decide(user!, params.id, params.proposalId, body.decision, req.ip),
      ),
    }),
  );
  return router;
}
