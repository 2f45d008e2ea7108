import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { tenants, unitKinds } from '../db/schema/index.js';

/** The kind catalogue every tenant starts with; administrators can add kinds later. */
export const defaultUnitKinds = [
  { code: 'province', name: 'Tỉnh / Thành phố trực thuộc Trung ương', nameEn: 'Province / centrally-run city', level: 'province', sortOrder: 1 },
  { code: 'department', name: 'Sở, ban, ngành', nameEn: 'Department', level: 'department', sortOrder: 2 },
  { code: 'board', name: 'Ban, cơ quan trực thuộc', nameEn: 'Board', level: 'department', sortOrder: 3 },
  { code: 'mass_org', name: 'Đoàn thể, tổ chức chính trị - xã hội', nameEn: 'Mass organisation', level: 'department', sortOrder: 4 },
  { code: 'district', name: 'Cấp huyện (huyện, thị xã, thành phố thuộc tỉnh)', nameEn: 'District level', level: 'district', sortOrder: 5 },
  { code: 'commune', name: 'Cấp xã (xã, phường, thị trấn, đặc khu)', nameEn: 'Commune level', level: 'commune', sortOrder: 6 },
  { code: 'enterprise', name: 'Doanh nghiệp', nameEn: 'Enterprise', level: 'enterprise', sortOrder: 7 },
  { code: 'university', name: 'Trường đại học, cao đẳng', nameEn: 'University / college', level: 'university', sortOrder: 8 },
  { code: 'other', name: 'Khác', nameEn: 'Other', level: 'other', sortOrder: 9 },
] as const;

export const DEFAULT_TENANT_CODE = 'hai-phong';

/** Creates the tenant and its kind catalogue if missing; returns the tenant id. */
export async function ensureTenant(db: Db | Tx, code = DEFAULT_TENANT_CODE, name = 'Thành phố Hải Phòng (gồm tỉnh Hải Dương trước 01/7/2025)'): Promise<string> {
  const [existing] = await db.select().from(tenants).where(eq(tenants.code, code));
  if (existing) return existing.id;
  const id = randomUUID();
  await db.insert(tenants).values({ id, code, name });
  await db.insert(unitKinds).values(defaultUnitKinds.map((k) => ({ ...k, tenantId: id })));
  return id;
}
