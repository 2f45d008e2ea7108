import type { App } from '../../http/types.js';
import { auditListQuery, auditListView, auditVerifyView } from './audit.schemas.js';
import { listAuditEntries, verifyAudit } from './audit.service.js';

export function registerAuditRoutes(app: App) {
  app.get(
    '/api/audit',
    { config: { access: { permission: 'audit.read' } }, schema: { tags: ['audit'], summary: 'Nhật ký thao tác', querystring: auditListQuery, response: { 200: auditListView } } },
    async (request) => listAuditEntries(request.ctx, request.query),
  );

  app.get(
    '/api/audit/verify',
    { config: { access: { permission: 'system.admin' } }, schema: { tags: ['audit'], summary: 'Kiểm tra tính toàn vẹn của nhật ký', response: { 200: auditVerifyView } } },
    async (request) => verifyAudit(request.ctx),
  );
}
