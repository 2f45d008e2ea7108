import { describe, expect, it } from 'vitest';
import { errorResponses, operationIdOf, operationSecurity } from './openapi.js';

describe('operationSecurity', () => {
  it('asks nothing of a public route, whatever its method', () => {
    expect(operationSecurity({ public: true, reason: 'sign-in' }, 'POST')).toEqual([]);
    expect(operationSecurity({ public: true, reason: 'results' }, 'GET')).toEqual([]);
  });

  it('takes the session cookie or a bearer token on reads', () => {
    expect(operationSecurity({}, 'GET')).toEqual([{ session: [] }, { bearer: [] }]);
    expect(operationSecurity(undefined, 'GET')).toEqual([{ session: [] }, { bearer: [] }]);
  });

  it('needs the CSRF header together with the session cookie on writes, never with a bearer token', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'delete']) {
      expect(operationSecurity({}, method)).toEqual([{ session: [], csrf: [] }, { bearer: [] }]);
    }
  });
});

describe('operationIdOf', () => {
  it('joins the method and the path words, parameters as By…, without the /api prefix', () => {
    expect(operationIdOf('GET', '/api/units/:id/history')).toBe('getUnitsByIdHistory');
    expect(operationIdOf('POST', '/api/report-periods/:id/compilations/:unitId/close')).toBe('postReportPeriodsByIdCompilationsByUnitIdClose');
    expect(operationIdOf('GET', '/api/movements/:id/dashboard.xlsx')).toBe('getMovementsByIdDashboardXlsx');
    expect(operationIdOf('DELETE', '/api/auth/tokens/:id')).toBe('deleteAuthTokensById');
  });

  it('gives URL-safe ids', () => {
    expect(operationIdOf('GET', '/api/public/datasets/:movementCode/:file')).toMatch(/^[A-Za-z0-9]+$/);
  });
});

describe('errorResponses', () => {
  const statuses = (facts: Parameters<typeof errorResponses>[0]) => Object.keys(errorResponses(facts)).sort();

  it('documents 400 everywhere, 401 on signed-in routes, 403 on writes and routes that declare a permission', () => {
    expect(statuses({ access: { public: true, reason: 'results' }, method: 'GET', url: '/api/public/movements', rateLimited: false })).toEqual(['400']);
    expect(statuses({ access: {}, method: 'GET', url: '/api/auth/me', rateLimited: false })).toEqual(['400', '401']);
    expect(statuses({ access: { permission: 'audit.read' }, method: 'GET', url: '/api/audit', rateLimited: false })).toEqual(['400', '401', '403']);
    expect(statuses({ access: {}, method: 'POST', url: '/api/reports', rateLimited: false })).toEqual(['400', '401', '403']);
  });

  it('documents 404 where the path names something and 429 where the route is rate-limited', () => {
    expect(statuses({ access: {}, method: 'GET', url: '/api/units/:id', rateLimited: false })).toEqual(['400', '401', '404']);
    expect(statuses({ access: { public: true, reason: 'sign-in' }, method: 'POST', url: '/api/auth/login', rateLimited: true })).toEqual(['400', '429']);
  });

  it('points every answer at the one error body', () => {
    for (const response of Object.values(errorResponses({ access: {}, method: 'POST', url: '/api/units/:id/events', rateLimited: true }))) {
      expect(response.$ref).toBe('#/components/schemas/ErrorBody');
      expect(response.description.length).toBeGreaterThan(0);
    }
  });
});
