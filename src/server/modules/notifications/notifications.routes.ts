import type { AppConfig } from '../../config.js';
import type { App } from '../../http/types.js';
import { markedView, notificationIdParams, notificationListView, notificationsQuery, notificationView, outboxQuery, outboxView } from './notifications.schemas.js';
import { listMailOutbox, listNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.service.js';

const tags = ['notifications'];

export function registerNotificationRoutes(app: App, config: AppConfig) {
  // Notifications belong to the signed-in user only: no permission, the service filters by user id.
  app.get(
    '/api/notifications',
    { config: { access: {} }, schema: { tags, summary: 'Thông báo của tôi', querystring: notificationsQuery, response: { 200: notificationListView } } },
    async (request) => listNotifications(request.ctx, request.query),
  );
  app.post(
    '/api/notifications/:id/read',
    { config: { access: {} }, schema: { tags, summary: 'Đánh dấu đã đọc', params: notificationIdParams, response: { 200: notificationView } } },
    async (request) => markNotificationRead(request.ctx, request.params.id),
  );
  app.post('/api/notifications/read-all', { config: { access: {} }, schema: { tags, summary: 'Đánh dấu tất cả đã đọc', response: { 200: markedView } } }, async (request) =>
    markAllNotificationsRead(request.ctx),
  );
  app.get(
    '/api/admin/mail-outbox',
    {
      config: { access: { permission: 'system.admin' } },
      schema: { tags, summary: 'Hộp thư đi (thư chờ gửi, đã gửi, lỗi)', querystring: outboxQuery, response: { 200: outboxView } },
    },
    async (request) => listMailOutbox(request.ctx, request.query, Boolean(config.SMTP_URL)),
  );
}
