import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../../auth/access.js';
import type { App } from '../../http/types.js';
import { addMemberBody, asOfQuery, createGroupBody, endMemberBody, groupDetailView, groupIdParams, groupView, memberParams, memberView } from './groups.schemas.js';
import { addMember, createGroup, endMember, getGroup, listGroups } from './groups.service.js';

// Every signed-in user reads groups; writes need unit.manage over the whole tenant (checked in the service).
const read = { access: {} };
const write = { access: { permission: 'unit.manage', heldNowhere: 'not_found' } } as const;
/** Anonymous callers get 401 before their input is validated. */
const signedIn = async (request: FastifyRequest) => requireActor(request.ctx);

export function registerGroupRoutes(app: App) {
  app.get(
    '/api/groups',
    { onRequest: signedIn, config: read, schema: { tags: ['groups'], summary: 'Cụm, khối thi đua tại một ngày', querystring: asOfQuery, response: { 200: z.array(groupView) } } },
    async (request) => listGroups(request.ctx, request.query.asOf),
  );

  app.post(
    '/api/groups',
    { onRequest: signedIn, config: write, schema: { tags: ['groups'], summary: 'Thêm cụm, khối thi đua', body: createGroupBody, response: { 201: groupView } } },
    async (request, reply) => reply.status(201).send(await createGroup(request.ctx, request.body)),
  );

  app.get(
    '/api/groups/:id',
    {
      onRequest: signedIn,
      config: read,
      schema: { tags: ['groups'], summary: 'Cụm, khối và các thành viên tại một ngày', params: groupIdParams, querystring: asOfQuery, response: { 200: groupDetailView } },
    },
    async (request) => getGroup(request.ctx, request.params.id, request.query.asOf),
  );

  app.post(
    '/api/groups/:id/members',
    { onRequest: signedIn, config: write, schema: { tags: ['groups'], summary: 'Thêm thành viên', params: groupIdParams, body: addMemberBody, response: { 201: memberView } } },
    async (request, reply) => reply.status(201).send(await addMember(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/groups/:id/members/:memberId/end',
    {
      onRequest: signedIn,
      config: write,
      schema: { tags: ['groups'], summary: 'Kết thúc tư cách thành viên', params: memberParams, body: endMemberBody, response: { 200: memberView } },
    },
    async (request) => endMember(request.ctx, request.params.id, request.params.memberId, request.body.validTo),
  );
}
