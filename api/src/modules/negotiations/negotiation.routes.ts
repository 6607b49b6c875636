import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams, objectId } from '../../http/route';
import {
  brokerDecisionBody,
  eventsQuery,
  inviteBrokerBody,
  listNegotiationsQuery,
  messageBody,
  openNegotiationBody,
  operatorNegotiationsQuery,
  readBody,
  withdrawBody,
  type BrokerCommissionsDto,
} from '../../shared/negotiation-events';
import { presentDeal } from './negotiation.presenter';
import { offerRoutes } from './offer.routes';

const attachmentParams = z.strictObject({ id: objectId(), attachmentId: objectId() });

/** /api/negotiations: live rooms between two organisations and their brokers (real time: src/realtime). */
export function negotiationRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const { negotiations: rooms, negotiationMessages: messages, negotiationOffers: offers } = ctx.services;
  const tags = ['negotiations'];
  const meta = (req: { ip?: string }) => ({ ip: req.ip });

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/negotiations',
      summary: 'Open a negotiation from an achievement, a need or a winning proposal (idempotent)',
      tags,
      auth: 'user',
      body: openNegotiationBody,
      status: 201,
    },
    async ({ user, body, req, res }) => {
      const { negotiation, created } = await rooms.open(user!, body, meta(req));
      res.status(created ? 201 : 200).json({ negotiation: await rooms.present(user!, negotiation), created });
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/negotiations',
      summary: 'My negotiations with unread counts (role=broker: the broker workspace)',
      tags,
      auth: 'user',
      query: listNegotiationsQuery,
    },
    async ({ user, query }) => rooms.list(user!, query),
  );

  // Before /:id, which would take "admin" for an id.
  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/negotiations/admin',
      summary: "Operators' list of the rooms in their sub-markets (metadata only: no messages or terms)",
      tags,
      auth: 'user',
      query: operatorNegotiationsQuery,
    },
    async ({ user, query }) => rooms.staffList.list(user!, query),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/negotiations/brokers',
      summary: 'Certified brokers who can be invited',
      tags,
      auth: 'user',
    },
    async () => ({ items: await rooms.brokers.list() }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/negotiations/commissions',
      summary:
        "The signed-in broker's deals (commission agreed, and earned so far per the ledger) and the ledger's commission figures (totalFen = earned, as on the commission statement)",
      tags,
      auth: 'user',
    },
    async ({ user }): Promise<BrokerCommissionsDto> => {
      const { deals, agreedFen, ledger } = await offers.commissions(user!);
      return {
        items: deals.map((d) => ({ ...presentDeal(d.deal), earnedFen: d.earnedFen })),
        totalFen: ledger.figures.earnedFen,
        agreedFen,
        figures: ledger.figures,
      };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/negotiations/:id',
      summary: 'One negotiation (participants; operators of its sub-market see the summary)',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => ({
      negotiation: await rooms.present(user!, await rooms.load(user!, params.id, 'readSummary')),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/negotiations/:id/events',
      summary: 'The room log after a cursor (resync after reconnect)',
      tags,
      auth: 'user',
      params: idParams,
      query: eventsQuery,
    },
    async ({ user, params, query }) => messages.events(user!, params.id, query.after, query.limit),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/negotiations/:id/messages',
      summary: 'Send a message (clientMessageId makes a resend idempotent)',
      tags,
      auth: 'user',
      params: idParams,
      body: messageBody,
      status: 201,
    },
    async ({ user, params, body, res }) => {
      const { event, created } = await messages.send(
        user!,
        params.id,
        body as { clientMessageId: string; text: string; attachmentIds: string[] },
      );
      res.status(created ? 201 : 200).json({ event, created });
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/negotiations/:id/read',
      summary: 'Read receipt: move my read cursor forward',
      tags,
      auth: 'user',
      params: idParams,
      body: readBody,
    },
    async ({ user, params, body }) => {
      return { seq: await messages.markRead(user!, params.id, body.seq) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/negotiations/:id/participants',
      summary: 'Participants with presence and read cursors',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => ({
      items: await rooms.participants(user!, params.id),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/negotiations/:id/brokers',
      summary: 'A party invites a broker; an operator of the sub-market assigns one',
      tags,
      auth: 'user',
      params: idParams,
      body: inviteBrokerBody,
      status: 201,
    },
    async ({ user, params, body, req }) => ({
      negotiation: await rooms.present(user!, await rooms.brokers.invite(user!, params.id, body.brokerId, meta(req))),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/negotiations/:id/broker-decision',
      summary: 'The invited broker accepts (with the commission) or declines',
      tags,
      auth: 'user',
      params: idParams,
      body: brokerDecisionBody,
    },
    async ({ user, params, body, req }) => ({
      negotiation: await rooms.present(user!, await rooms.brokers.decide(user!, params.id, body, meta(req))),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/negotiations/:id/withdraw',
      summary: 'A party withdraws: the room closes',
      tags,
      auth: 'user',
      params: idParams,
      body: withdrawBody,
    },
    async ({ user, params, body, req }) => ({
      negotiation: await rooms.present(user!, await rooms.closing.withdraw(user!, params.id, body.reason, meta(req))),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/negotiations/:id/attachments/:attachmentId',
      summary: 'Download a file sent in the room',
      tags,
      auth: 'user',
      params: attachmentParams,
    },
    async ({ user, params, res }) => {
      const { attachment, stream } = await messages.openAttachment(user!, params.id, params.attachmentId);
      res.set({
        'Content-Type': attachment.mime,
        'Content-Length': String(attachment.size),
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
        'Cache-Control': 'private, max-age=300',
        'X-Content-Type-Options': 'nosniff',
      });
      await new Promise<void>((resolve, reject) => stream.on('error', reject).pipe(res).on('finish', resolve));
    },
  );
  offerRoutes(router, ctx);
  return router;
}
