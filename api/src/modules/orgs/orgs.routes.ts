import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app-context';
import { defineRoute, idParams, pageQuery } from '../../http/route';
import { createOrgBody, orgLicenceBody, updateOrgBody, verifyOrgBody } from '../../shared/schemas';
import { orgTypeCodes, regionCodes, submarketSeeds } from '../../shared/taxonomy';
import { canOrg } from './orgs.policy';
import { presentOrgDetail, presentOrgPublic } from './orgs.presenter';
import type { OrgRecord } from './org.model';

const listQuery = z.strictObject({
  ...pageQuery,
  type: z.enum(orgTypeCodes).optional(),
  regionCode: z.enum(regionCodes).optional(),
  submarketCode: z.enum(submarketSeeds.map((s) => s.code) as [string, ...string[]]).optional(),
  status: z.enum(['pending', 'verified', 'rejected']).optional(),
  q: z.string().trim().min(1).max(60).optional(),
});

export function orgsRoutes(ctx: AppContext): Router {
  const router = Router();
  const { services, registry } = ctx;
  const orgs = services.orgs;

  /** Members and staff get the detailed view with history; everyone else the public card. */
  const present = async (viewer: Parameters<typeof canOrg>[0], org: OrgRecord) =>
    canOrg(viewer, 'readDetail', org)
      ? presentOrgDetail(org, await orgs.history(String(org._id)))
      : presentOrgPublic(org);

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/orgs',
      summary: '机构列表 List organisations',
      tags: ['orgs'],
      auth: 'optional',
      query: listQuery,
    },
    async ({ user, query }) => {
      const page = await orgs.list(user, query);
      return { ...page, items: page.items.map(presentOrgPublic) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/orgs',
      summary: '创建机构（创建者成为机构管理员）Create an organisation',
      tags: ['orgs'],
      auth: 'user',
      body: createOrgBody,
      status: 201,
    },
    async ({ user, body, req }) => {
      const org = await orgs.create(user!, body, { ip: req.ip });
      return { org: await present({ ...user!, orgId: String(org._id), orgRole: 'org_admin' }, org) };
    },
  );

  defineRoute(
    router,
    registry,
    {
      method: 'get',
      path: '/api/orgs/:id',
      summary: '机构详情 Organisation detail',
      tags: ['orgs'],
      auth: 'optional',
      params: idParams,
    },
    async ({ user, params }) => ({ org: await present(user, await orgs.get(user, params.id)) }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'patch',
      path: '/api/orgs/:id',
      summary: '修改机构资料 Update own organisation',
      tags: ['orgs'],
      auth: 'user',
      params: idParams,
      body: updateOrgBody,
    },
    async ({ user, params, body, req }) => ({
      org: await present(user, await orgs.update(user!, params.id, body, { ip: req.ip })),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/api/orgs/:id/verify',
      summary: '审核机构认证 Verify an organisation',
      tags: ['orgs'],
      auth: 'user',
      params: idParams,
      body: verifyOrgBody,
    },
    async ({ user, params, body, req }) => ({
      org: await present(user, await orgs.verify(user!, params.id, body, { ip: req.ip })),
    }),
  );

  defineRoute(
    router,
    registry,
    {
      method: 'put',
      path: '/api/orgs/:id/licence',
      summary: '上传营业执照/事业单位法人证书 Put the licence on file',
      tags: ['orgs'],
      auth: 'user',
      params: idParams,
      body: orgLicenceBody,
    },
    async ({ user, params, body, req }) => ({
      org: await present(user, await orgs.setLicence(user!, params.id, body, { ip: req.ip })),
    }),
  );

  return router;
}
