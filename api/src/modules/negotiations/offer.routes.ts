import type { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams, objectId } from '../../http/route';
import { offerBody } from '../../shared/negotiation-events';
import { presentDeal, presentOffer } from './negotiation.presenter';

const offerParams = z.strictObject({ id: objectId(), offerId: objectId() });

/** /api/negotiations/:id/offers: structured offers, counter-offers, withdrawal and acceptance (the deal). */
export function offerRoutes(router: Router, ctx: AppContext): void {
  const { registry } = ctx;
  const offers = ctx.services.negotiationOffers;
  const tags = ['negotiations'];
  const meta = (req: { ip?: string }) => ({ ip: req.ip });

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/negotiations/:id/offers',
      summary: 'Every offer of the room (the counter-offer chain)',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => ({
      items: await offers.list(user!, params.id),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/negotiations/:id/offers',
      summary: 'Make an offer or a counter-offer',
      tags,
      auth: 'user',
      params: idParams,
      body: offerBody,
      status: 201,
    },
    async ({ user, params, body, req, res }) => {
      const { offer, created } = await offers.make(user!, params.id, body as never, meta(req));
      res.status(created ? 201 : 200).json({ offer: presentOffer(offer), created });
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/negotiations/:id/offers/:offerId/withdraw',
      summary: "Withdraw my side's open offer",
      tags,
      auth: 'user',
      params: offerParams,
    },
    async ({ user, params, req }) => ({
      offer: presentOffer(await offers.withdraw(user!, params.id, params.offerId, meta(req))),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/negotiations/:id/offers/:offerId/accept',
      summary:
        "Accept the other side's open offer: the room is agreed, the deal recorded and its draft contract made (deal.contractId)",
      tags,
      auth: 'user',
      params: offerParams,
    },
    async ({ user, params, req }) => ({
      deal: presentDeal(await offers.accept(user!, params.id, params.offerId, meta(req))),
    }),
  );
}
