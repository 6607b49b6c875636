import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams, objectId } from '../../http/route';
import { inviteMemberBody } from '../../shared/schemas';
import { presentUserPublic } from '../users/users.presenter';
import type { InvitationRecord } from './invitation.model';
import { presentInvitation } from './orgs.presenter';

const invitationParams = z.strictObject({ id: objectId(), invitationId: objectId() });
const memberParams = z.strictObject({ id: objectId(), userId: objectId() });

/** Members of an organisation and invitations to join one (membership only by the invitee's consent). */
export function membersRoutes(ctx: AppContext): Router {
  const router = Router();
  const { registry } = ctx;
  const members = ctx.services.members;
  const tags = ['orgs'];
  const meta = (req: import('express').Request) => ({ ip: req.ip });
  const present = async (rows: InvitationRecord[]) =>
    (await members.withOrgs(rows)).map(({ invitation, org }) => presentInvitation(invitation, org));

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/orgs/:id/members', summary: '机构成员 Members', tags, auth: 'user', params: idParams },
    async ({ user, params }) => ({
      items: (await members.members(user!, params.id)).map(presentUserPublic),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/orgs/:id/invitations',
      summary: '邀请成员（对方接受后加入）Invite by e-mail; the same answer whether or not the address has an account',
      tags,
      auth: 'user',
      params: idParams,
      body: inviteMemberBody,
      status: 201,
    },
    async ({ user, params, body, req }) => ({
      invitation: (await present([await members.invite(user!, params.id, body.email, body.orgRole, meta(req))]))[0],
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/orgs/:id/invitations',
      summary: '待接受的邀请 Open invitations (org admins)',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params }) => ({
      items: await present(await members.invitationsOf(user!, params.id)),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/orgs/:id/invitations/:invitationId/revoke',
      summary: '撤回邀请 Revoke an open invitation',
      tags,
      auth: 'user',
      params: invitationParams,
    },
    async ({ user, params, req }) => ({
      invitation: (await present([await members.revoke(user!, params.id, params.invitationId, meta(req))]))[0],
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'delete',
      path: '/api/orgs/:id/members/:userId',
      summary: '移除成员 Remove a member (org admins; not the last admin)',
      tags,
      auth: 'user',
      params: memberParams,
    },
    async ({ user, params, req }) => {
      await members.remove(user!, params.id, params.userId, meta(req));
      return { ok: true };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/orgs/:id/leave',
      summary: '退出机构 Leave my organisation (not as its last admin)',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params, req }) => {
      await members.leave(user!, params.id, meta(req));
      return { ok: true };
    },
  );

  defineRoute(
    router,
    registry,
    { method: 'get', path: '/api/invitations', summary: '我收到的邀请 My open invitations', tags, auth: 'user' },
    async ({ user }) => ({
      items: await present(await members.mine(user!)),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/invitations/:id/accept',
      summary: '接受邀请并加入机构 Accept and join',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params, req }) => {
      const { invitation, org } = await members.accept(user!, params.id, meta(req));
      return { invitation: presentInvitation(invitation, org) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/invitations/:id/decline',
      summary: '拒绝邀请 Decline',
      tags,
      auth: 'user',
      params: idParams,
    },
    async ({ user, params, req }) => ({
      invitation: (await present([await members.decline(user!, params.id, meta(req))]))[0],
    }),
  );

  return router;
}
