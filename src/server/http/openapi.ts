// The OpenAPI description of the API: document-wide parts (info, servers, tags, security schemes, the error body) and
// the per-operation parts derived from each route in one place (operation id, security, error responses), so that no
// route has to repeat them. `npm run lint:openapi` checks the result with Redocly's recommended rules.
import type { FastifyContextConfig } from 'fastify';
import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** The header the request hook in http/app.ts compares with the session's CSRF token on unsafe methods. */
const CSRF_HEADER = 'x-csrf-token';

/** One OpenAPI security requirement: every scheme named in one object is needed together. */
export type SecurityRequirement = Record<string, string[]>;

type RouteAccessConfig = FastifyContextConfig['access'];

/** Methods that change state; with a session cookie they also need the CSRF header (see the request hook). */
const unsafeMethods: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Who may call an operation, read from the route's `config.access`: nobody needs credentials for a public route; any
 * other takes the session cookie (plus the CSRF header when it writes) or a bearer API token.
 */
export function operationSecurity(access: RouteAccessConfig, method: string): SecurityRequirement[] {
  if (access?.public) return [];
  const session: SecurityRequirement = unsafeMethods.has(method.toUpperCase()) ? { session: [], csrf: [] } : { session: [] };
  return [session, { bearer: [] }];
}

/** A stable, URL-safe operation id from the method and the route: `GET /api/units/:id/history` → `getUnitsByIdHistory`. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `by-${segment.slice(1)}` : segment))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

const errorBodyRef = '#/components/schemas/ErrorBody';

/** What the error handler (http/errors.ts) sends on every failure. */
const errorBody = {
  type: 'object' as const,
  description: 'Mọi lỗi trả về cùng một dạng: mã lỗi, thông điệp theo ngôn ngữ của yêu cầu, và các trường sai.',
  properties: {
    error: {
      type: 'object' as const,
      properties: {
        code: { type: 'string' as const, description: 'Mã lỗi ổn định cho máy đọc, ví dụ validation_failed, unauthenticated, csrf_failed, not_found.' },
        message: { type: 'string' as const, description: 'Thông điệp cho người đọc (tiếng Việt; tiếng Anh khi Accept-Language: en).' },
        details: {
          type: 'array' as const,
          items: {
            type: 'object' as const,
            properties: { path: { type: 'string' as const, description: 'Trường sai, ví dụ body.targets[0].threshold.' }, message: { type: 'string' as const } },
            required: ['path', 'message'],
          },
        },
      },
      required: ['code', 'message', 'details'],
    },
  },
  required: ['error'],
};

type ErrorResponseSchema = { description: string; $ref: string };

/** The facts about a route that decide which error answers it can give. */
export type RouteFacts = { access: RouteAccessConfig; method: string; url: string; rateLimited: boolean };

/**
 * The 4xx answers an operation certainly can give, documented with the one error body. Routes may document more (or
 * other wording) themselves; what they declare wins.
 */
export function errorResponses({ access, method, url, rateLimited }: RouteFacts): Record<string, ErrorResponseSchema> {
  const answer = (description: string): ErrorResponseSchema => ({ description, $ref: errorBodyRef });
  // Every API request can be refused as malformed: the request hook refuses a NUL anywhere in the URL, and each route
  // validates its parameters, query and body.
  const responses: Record<string, ErrorResponseSchema> = { 400: answer('Yêu cầu không hợp lệ (sai dữ liệu vào, JSON hỏng hoặc có ký tự NUL).') };
  if (!access?.public) {
    responses[401] = answer('Chưa đăng nhập, phiên đã hết hạn, hoặc mã truy cập API không hợp lệ.');
    const writes = unsafeMethods.has(method.toUpperCase());
    if (writes || access?.permission) {
      responses[403] = answer(writes ? 'Không có quyền thực hiện, hoặc (khi dùng phiên đăng nhập) thiếu hay sai tiêu đề X-CSRF-Token.' : 'Không có quyền thực hiện.');
    }
  }
  // A route with path parameters names something; an unknown one, or one outside the caller's scope, answers 404.
  if (url.includes('/:')) responses[404] = answer('Không tìm thấy, hoặc nằm ngoài phạm vi của người gọi.');
  if (rateLimited) responses[429] = answer('Gọi quá nhiều lần trong một phút; thử lại sau.');
  return responses;
}

/**
 * For a route that declares no response schema (file downloads): what @fastify/swagger would have written by itself,
 * a 200 without a described body ('null' keeps it from inventing an application/json one).
 */
const undescribedSuccess = { 200: { type: 'null', description: 'Thành công; nội dung (tệp hoặc tài liệu) không mô tả bằng lược đồ, kiểu theo Content-Type.' } };

/** The areas of the API, one tag each (Redocly's operation-tag-defined keeps this list complete). */
const tags = [
  { name: 'auth', description: 'Đăng nhập, đăng xuất, đổi mật khẩu và mã truy cập API cá nhân.' },
  { name: 'units', description: 'Đơn vị và lịch sử của chúng theo ngày (tên, đơn vị cha, sáp nhập, chia tách).' },
  { name: 'groups', description: 'Cụm, khối thi đua và thành viên theo thời gian.' },
  { name: 'users', description: 'Người dùng và phân quyền (vai trò, phạm vi đơn vị, thời hạn).' },
  { name: 'audit', description: 'Nhật ký kiểm toán có chuỗi băm, và kiểm tra chuỗi.' },
  { name: 'movements', description: 'Phong trào thi đua: giai đoạn, mốc thời hạn, cơ quan tham gia, gói phong trào.' },
  { name: 'criteria', description: 'Bộ tiêu chí có phiên bản, biểu thức tính và chạy thử.' },
  { name: 'reports', description: 'Chế độ báo cáo, kỳ báo cáo, báo cáo định kỳ, minh chứng, tổng hợp và nhập từ Excel.' },
  { name: 'dashboards', description: 'Bảng điều hành: tiến độ, quá hạn, xu hướng, bảng điểm và tệp Excel.' },
  { name: 'public', description: 'Kết quả công khai, không cần đăng nhập: phong trào, xếp hạng đã công bố, bản đồ, dữ liệu mở.' },
  { name: 'rankings', description: 'Bảng xếp hạng chốt theo kỳ: chốt, đóng băng, công bố, đính chính.' },
  { name: 'maps', description: 'Bản đồ kết quả và ranh giới đơn vị.' },
  { name: 'launches', description: 'Phát động phong trào trong phạm vi của đơn vị.' },
  { name: 'inbox', description: 'Việc cần làm của đơn vị, theo hạn.' },
  { name: 'notifications', description: 'Thông báo trong ứng dụng và hộp thư đi.' },
  { name: 'registrations', description: 'Đăng ký thi đua và cam kết của đơn vị.' },
  { name: 'pilots', description: 'Đơn vị chỉ đạo điểm.' },
  { name: 'difficulties', description: 'Khó khăn, vướng mắc của đơn vị và trả lời.' },
];

/** Turns a route's zod schema into OpenAPI, then adds what every operation needs from the route's declarations. */
const transform: SwaggerTransform = (document) => {
  const { schema, url } = jsonSchemaTransform(document);
  if (schema?.hide) return { schema, url };
  const { route } = document;
  // Every route here has one method; one with several would share an operation id, which the lint reports.
  const method = [route.method].flat()[0] ?? 'GET';
  const access = route.config?.access;
  const declared = schema ?? {};
  const facts: RouteFacts = { access, method, url: route.url, rateLimited: Boolean(route.config?.rateLimit) };
  return {
    url,
    schema: {
      ...declared,
      // A route may still declare its own (for example a session-only one); the derived value is the default.
      operationId: declared.operationId ?? operationIdOf(method, route.url),
      security: declared.security ?? operationSecurity(access, method),
      response: { ...errorResponses(facts), ...((declared.response as Record<string, unknown> | undefined) ?? undescribedSuccess) },
    },
  };
};

/** The @fastify/swagger options: the document's fixed parts and the per-route transform. */
export function openapiOptions({ sessionCookie }: { sessionCookie: string }): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Thi Đua Số API', description: 'API của nền tảng điều hành phong trào thi đua Chuyển đổi số', version: '0.1.0' },
      // Relative: the API is served by the same instance that serves this document, whatever its address.
      servers: [{ url: '/', description: 'Máy chủ đang phục vụ tài liệu này' }],
      tags,
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: sessionCookie,
            description: 'Phiên đăng nhập, đặt bởi POST /api/auth/login. Khi ghi (POST, PUT, PATCH, DELETE) cần kèm tiêu đề X-CSRF-Token.',
          },
          csrf: {
            type: 'apiKey',
            in: 'header',
            name: CSRF_HEADER,
            description: 'Mã chống CSRF của phiên (trường csrfToken trong câu trả lời của đăng nhập và GET /api/auth/me); chỉ đi cùng cookie phiên.',
          },
          bearer: { type: 'http', scheme: 'bearer', description: 'Mã truy cập API cá nhân (tạo bằng POST /api/auth/tokens); quyền giới hạn trong các quyền đã chọn khi tạo.' },
        },
        schemas: { ErrorBody: errorBody },
      },
    },
    transform,
  };
}
