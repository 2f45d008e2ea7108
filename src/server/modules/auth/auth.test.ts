import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, sessions, users } from '../../db/schema/index.js';
import { createTestApp, type TestApp } from '../../../../tests/helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_MAX_FAILURES: 3 });
});
afterAll(async () => t?.close());

describe('sign-in and sessions', () => {
  it('signs in, sets an httpOnly SameSite=Lax cookie, and answers /me with grants and permissions', async () => {
    const unit = await t.buildUnit({ name: 'Phường Cẩm Thượng' });
    const user = await t.buildUser({ role: 'unit_reporter', unitId: unit.id });
    const response = await t.anonymous('POST', '/api/auth/login', { username: user.username, password: user.password });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const body = response.json();
    expect(body.user.username).toBe(user.username);
    expect(body.permissions).toContain('report.submit');
    expect(body.permissions).not.toContain('report.review');
    expect(body.grants[0].unitName).toBe('Phường Cẩm Thượng');
    expect(typeof body.csrfToken).toBe('string');
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audit.map((a) => a.action)).toContain('auth.login');
  });

  it('refuses a wrong password with a Vietnamese message and locks after repeated failures', async () => {
    const user = await t.buildUser({ role: 'viewer' });
    for (let i = 0; i < 2; i += 1) {
      const r = await t.anonymous('POST', '/api/auth/login', { username: user.username, password: 'sai-mat-khau-1' });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng');
    }
    const third = await t.anonymous('POST', '/api/auth/login', { username: user.username, password: 'sai-mat-khau-1' });
    expect(third.statusCode).toBe(429);
    expect(third.json().error.code).toBe('account_locked');
    // Even the right password is refused while locked.
    const locked = await t.anonymous('POST', '/api/auth/login', { username: user.username, password: user.password });
    expect(locked.statusCode).toBe(429);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
  });

  it('answers in English when asked', async () => {
    const r = await t.anonymous('POST', '/api/auth/login', { username: 'khong-co', password: 'x' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(r.json().error.message).toBe('Wrong username or password');
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const user = await t.buildUser({ role: 'viewer' });
    const session = await t.signIn(user);
    const withoutToken = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session.cookie } });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().error.code).toBe('csrf_failed');
    const me = await session.request('GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    const out = await session.request('POST', '/api/auth/logout');
    expect(out.statusCode).toBe(200);
    const after = await session.request('GET', '/api/auth/me');
    expect(after.statusCode).toBe(401);
  });

  it('changes the password, refusing a weak one and a wrong current one', async () => {
    const user = await t.buildUser({ role: 'viewer' });
    const session = await t.signIn(user);
    const other = await t.signIn(user);
    const wrong = await session.request('POST', '/api/auth/password', { currentPassword: 'sai', newPassword: 'MatKhauMoi2025' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details[0].path).toBe('body.currentPassword');
    const weak = await session.request('POST', '/api/auth/password', { currentPassword: user.password, newPassword: 'ngan' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details[0].path).toBe('body.newPassword');
    const ok = await session.request('POST', '/api/auth/password', { currentPassword: user.password, newPassword: 'MatKhauMoi2025' });
    expect(ok.statusCode).toBe(200);
    expect((await other.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(200);
    const relogin = await t.anonymous('POST', '/api/auth/login', { username: user.username, password: 'MatKhauMoi2025' });
    expect(relogin.statusCode).toBe(200);
    const remaining = await t.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(remaining.length).toBe(2);
  });
});

describe('personal API tokens', () => {
  it('is shown once, works as a bearer token limited to its permissions, and can be revoked', async () => {
    const unit = await t.buildUnit({ name: 'Huyện Nam Sách', kindCode: 'district' });
    const user = await t.buildUser({ role: 'unit_admin', unitId: unit.id });
    const session = await t.signIn(user);
    const created = await session.request('POST', '/api/auth/tokens', { name: 'Máy chủ báo cáo', permissions: ['report.submit'], expiresAt: '2099-12-31' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^tds_/);
    const listed = await session.request('GET', '/api/auth/tokens');
    expect(JSON.stringify(listed.json())).not.toContain(token);
    const me = await t.anonymous('GET', '/api/auth/me', undefined, { authorization: `Bearer ${token}` });
    expect(me.statusCode).toBe(200);
    expect(me.json().permissions).toEqual(['report.submit']);
    const escalate = await session.request('POST', '/api/auth/tokens', { name: 'x', permissions: ['system.admin'], expiresAt: '2099-12-31' });
    expect(escalate.statusCode).toBe(422);
    expect(escalate.json().error.details[0].path).toBe('body.permissions[0]');
    expect((await session.request('DELETE', `/api/auth/tokens/${id}`)).statusCode).toBe(200);
    const revoked = await t.anonymous('GET', '/api/auth/me', undefined, { authorization: `Bearer ${token}` });
    expect(revoked.statusCode).toBe(401);
  });
});
