import { describe, expect, it } from 'vitest';
import { isPermission, isRole, permissions, roleHasPermission, rolePermissions, roles } from './permissions.js';

describe('role catalogue', () => {
  it('gives every permission to the system administrator only', () => {
    expect(permissions.every((p) => roleHasPermission('system_admin', p))).toBe(true);
    for (const role of roles.filter((r) => r !== 'system_admin')) {
      expect(roleHasPermission(role, 'system.admin')).toBe(false);
    }
  });
  it('names only known permissions', () => {
    for (const role of roles) for (const p of rolePermissions[role]) expect(isPermission(p)).toBe(true);
  });
  it('lets reporters submit but not review', () => {
    expect(roleHasPermission('unit_reporter', 'report.submit')).toBe(true);
    expect(roleHasPermission('unit_reporter', 'report.review')).toBe(false);
    expect(roleHasPermission('viewer', 'report.submit')).toBe(false);
  });
  it('recognises role names', () => {
    expect(isRole('viewer')).toBe(true);
    expect(isRole('root')).toBe(false);
  });
});
