import { z } from 'zod';
import type { App } from '../../http/types.js';
import {
  confirmBody,
  createRegistrationBody,
  movementParams,
  registrationFormQuery,
  registrationFormView,
  registrationListItemView,
  registrationListQuery,
  registrationParams,
  registrationView,
  returnBody,
  transitionBody,
  updateRegistrationBody,
} from './registrations.schemas.js';
import {
  confirmRegistration,
  createRegistration,
  getRegistration,
  getRegistrationForm,
  listRegistrations,
  returnRegistration,
  submitRegistration,
  updateRegistration,
} from './registrations.service.js';

const tags = ['registrations'];
// Unit-scoped checks happen in the service (404 out of scope); the request hook refuses a permission held nowhere.
const submit = { access: { permission: 'registration.submit', heldNowhere: 'not_found' } } as const;
// A unit or a group's lead unit named in the body: 404 outside the scope, but 403 for a group without a lead.
const submitFor = { access: { permission: 'registration.submit', heldNowhere: 'service' } } as const;
const review = { access: { permission: 'registration.review', heldNowhere: 'service' } } as const;
const read = { access: {} };

export function registerRegistrationRoutes(app: App) {
  app.get(
    '/api/movements/:id/registration-form',
    {
      config: submitFor,
      schema: {
        tags,
        summary: 'Dữ liệu cho biểu mẫu đăng ký: nội dung, tiêu chí và chỉ tiêu theo cấp',
        params: movementParams,
        querystring: registrationFormQuery,
        response: { 200: registrationFormView },
      },
    },
    async (request) => getRegistrationForm(request.ctx, request.params.id, request.query),
  );
  app.post(
    '/api/movements/:id/registrations',
    {
      config: submitFor,
      schema: { tags, summary: 'Tạo bản đăng ký thi đua (đơn vị hoặc cụm/khối)', params: movementParams, body: createRegistrationBody, response: { 201: registrationView } },
    },
    async (request, reply) => reply.status(201).send(await createRegistration(request.ctx, request.params.id, request.body)),
  );
  app.get(
    '/api/movements/:id/registrations',
    {
      config: read,
      schema: {
        tags,
        summary: 'Các bản đăng ký (trong phạm vi)',
        params: movementParams,
        querystring: registrationListQuery,
        response: { 200: z.array(registrationListItemView) },
      },
    },
    async (request) => listRegistrations(request.ctx, request.params.id, request.query),
  );
  app.get(
    '/api/registrations/:id',
    { config: read, schema: { tags, summary: 'Chi tiết bản đăng ký, lịch sử và quyền thao tác', params: registrationParams, response: { 200: registrationView } } },
    async (request) => getRegistration(request.ctx, request.params.id),
  );
  app.patch(
    '/api/registrations/:id',
    {
      config: submit,
      schema: { tags, summary: 'Sửa bản đăng ký (nháp hoặc bị trả lại)', params: registrationParams, body: updateRegistrationBody, response: { 200: registrationView } },
    },
    async (request) => updateRegistration(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/registrations/:id/submit',
    { config: submit, schema: { tags, summary: 'Gửi bản đăng ký', params: registrationParams, body: transitionBody.nullish(), response: { 200: registrationView } } },
    async (request) => submitRegistration(request.ctx, request.params.id, request.body ?? {}),
  );
  app.post(
    '/api/registrations/:id/confirm',
    {
      config: review,
      schema: { tags, summary: 'Xác nhận bản đăng ký (cơ quan thường trực)', params: registrationParams, body: confirmBody.nullish(), response: { 200: registrationView } },
    },
    async (request) => confirmRegistration(request.ctx, request.params.id, request.body ?? {}),
  );
  app.post(
    '/api/registrations/:id/return',
    { config: review, schema: { tags, summary: 'Trả lại bản đăng ký kèm ý kiến', params: registrationParams, body: returnBody, response: { 200: registrationView } } },
    async (request) => returnRegistration(request.ctx, request.params.id, request.body),
  );
}
