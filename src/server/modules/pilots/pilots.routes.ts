import type { App } from '../../http/types.js';
import { findKindNames } from './pilots.repository.js';
import { districtParams, movementParams, pilotListBody, pilotOverviewView, pilotRegistrationView } from './pilots.schemas.js';
import { listPilots, registerDistrictPilots, selectProvincialPilots } from './pilots.service.js';
import { buildPilotWorkbook } from './pilots.xlsx.js';
import { requireMovement } from '../launches/launches.service.js';

const tags = ['pilots'];

export function registerPilotRoutes(app: App) {
  app.get(
    '/api/movements/:id/pilot-units',
    {
      config: { access: {} },
      schema: {
        tags,
        summary: 'Đơn vị chỉ đạo điểm: lựa chọn của Hội đồng và danh sách của các huyện (trong phạm vi)',
        params: movementParams,
        response: { 200: pilotOverviewView },
      },
    },
    async (request) => listPilots(request.ctx, request.params.id),
  );
  app.get(
    '/api/movements/:id/pilot-units.xlsx',
    { config: { access: {} }, schema: { tags, summary: 'Xuất danh sách đơn vị chỉ đạo điểm (XLSX)', params: movementParams } },
    async (request, reply) => {
      const overview = await listPilots(request.ctx, request.params.id);
      const movement = await requireMovement(request.ctx.db, request.ctx.actor!.tenantId, request.params.id);
      const kinds = new Map((await findKindNames(request.ctx.db, request.ctx.actor!.tenantId)).map((k) => [k.code, k.name]));
      const lists = [...(overview.provincial ? [overview.provincial] : []), ...overview.districts];
      const buffer = await buildPilotWorkbook(movement.name, lists, kinds);
      const fileName = `don-vi-chi-dao-diem-${movement.code}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(buffer);
    },
  );
  app.put(
    '/api/movements/:id/pilot-units/provincial',
    {
      config: { access: { permission: 'registration.review' } },
      schema: { tags, summary: 'Hội đồng chọn 01-02 đơn vị chỉ đạo điểm cấp tỉnh', params: movementParams, body: pilotListBody, response: { 200: pilotRegistrationView } },
    },
    async (request) => selectProvincialPilots(request.ctx, request.params.id, request.body),
  );
  app.put(
    '/api/movements/:id/pilot-units/:unitId',
    {
      config: { access: { permission: 'registration.submit', heldNowhere: 'not_found' } },
      schema: {
        tags,
        summary: 'Đơn vị cấp huyện đăng ký đơn vị chỉ đạo điểm trong địa bàn',
        params: districtParams,
        body: pilotListBody,
        response: { 200: pilotRegistrationView },
      },
    },
    async (request) => registerDistrictPilots(request.ctx, request.params.id, request.params.unitId, request.body),
  );
}
