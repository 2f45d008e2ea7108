import type { App } from '../../http/types.js';
import { inboxQuery, inboxView } from './inbox.schemas.js';
import { listInbox } from './inbox.service.js';

export function registerInboxRoutes(app: App) {
  app.get(
    '/api/inbox',
    {
      // Scope: units where the actor may submit or review registrations or reports (see inbox.service listInbox).
      config: { access: {} },
      schema: { tags: ['inbox'], summary: 'Việc cần làm của các đơn vị trong phạm vi: sắp đến hạn, quá hạn, đã xong', querystring: inboxQuery, response: { 200: inboxView } },
    },
    async (request) => listInbox(request.ctx, request.query),
  );
}
