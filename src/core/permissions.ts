/**
 * Permissions are dotted names; roles are a catalogue of permission sets. A grant gives a role
 * over a unit (alone or with its subtree) for a validity interval. Shared by server and web.
 */
export const permissions = [
  'unit.read',
  'unit.manage',
  'user.read',
  'user.manage',
  'audit.read',
  'movement.read',
  'movement.manage',
  'criteria.manage',
  'registration.submit',
  'registration.review',
  'report.read',
  'report.submit',
  'report.review',
  'report.unlock',
  'dashboard.read',
  'inspection.manage',
  'initiative.submit',
  'award.manage',
  'system.admin',
] as const;
export type Permission = (typeof permissions)[number];

export const roles = ['system_admin', 'standing_agency', 'emulation_board', 'council_member', 'chairman_office', 'unit_admin', 'unit_reporter', 'reviewer', 'viewer'] as const;
export type Role = (typeof roles)[number];

const readAll: Permission[] = ['unit.read', 'movement.read', 'report.read', 'dashboard.read'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  system_admin: permissions,
  standing_agency: [...readAll, 'user.read', 'audit.read', 'movement.manage', 'criteria.manage', 'registration.review', 'report.review', 'inspection.manage'],
  emulation_board: [
    ...readAll,
    'user.read',
    'audit.read',
    'movement.manage',
    'criteria.manage',
    'registration.review',
    'report.review',
    'report.unlock',
    'award.manage',
    'inspection.manage',
  ],
  council_member: [...readAll, 'registration.review', 'inspection.manage'],
  chairman_office: [...readAll, 'award.manage'],
  unit_admin: [...readAll, 'user.read', 'user.manage', 'audit.read', 'registration.submit', 'report.submit', 'initiative.submit'],
  unit_reporter: [...readAll, 'registration.submit', 'report.submit', 'initiative.submit'],
  reviewer: [...readAll, 'report.review', 'inspection.manage'],
  viewer: readAll,
};

export const roleLabels: Record<Role, { vi: string; en: string }> = {
  system_admin: { vi: 'Quản trị hệ thống', en: 'System administrator' },
  standing_agency: { vi: 'Cán bộ cơ quan thường trực', en: 'Standing agency officer' },
  emulation_board: { vi: 'Cán bộ Ban Thi đua - Khen thưởng', en: 'Emulation board officer' },
  council_member: { vi: 'Thành viên Hội đồng TĐKT', en: 'Council member' },
  chairman_office: { vi: 'Văn phòng Chủ tịch UBND', en: "Chairman's office" },
  unit_admin: { vi: 'Quản trị đơn vị', en: 'Unit administrator' },
  unit_reporter: { vi: 'Cán bộ báo cáo của đơn vị', en: 'Unit reporter' },
  reviewer: { vi: 'Cán bộ thẩm định / kiểm tra', en: 'Reviewer / inspector' },
  viewer: { vi: 'Người xem', en: 'Viewer' },
};

/** Whether a role carries a permission. */
export function roleHasPermission(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}
export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}
