import { z } from 'zod';
import { isoDate } from '../../../core/dates.js';
import type { MessageKey } from '../../../core/i18n/messages.js';

/** YYYY-MM-DD, a real calendar date. */
const dateOut = z.string().describe('YYYY-MM-DD');
const uuid = z.string().uuid();

/** Trimmed, NFC, inner white space collapsed: Vietnamese text arrives composed and decomposed. */
const cleanText = (max: number) =>
  z
    .string()
    .transform((v) => v.normalize('NFC').replace(/\s+/g, ' ').trim())
    .pipe(z.string().min(1).max(max));
const name = cleanText(200);
/** Optional free text: trimmed, NFC; empty becomes null. */
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((v) => {
      const t = v.normalize('NFC').trim();
      return t === '' ? null : t;
    })
    .nullable()
    .optional();

export const unitCode = z.string().regex(/^\d{2,10}$/, { message: 'validation.unit_code' satisfies MessageKey });
export const mergeKind = z.enum(['full', 'partial']);
export const unitStatus = z.enum(['active', 'not_yet', 'ceased']);

// ---- params and queries --------------------------------------------------------------------------------------

export const unitIdParams = z.object({ id: uuid }).strict();
export const asOfQuery = z.object({ asOf: isoDate.optional().describe('Mặc định: hôm nay (giờ Việt Nam)') });

export const searchQuery = z.object({
  q: z.string().max(200).optional().describe('Tên (không phân biệt dấu, hoa thường, kể cả tên cũ) hoặc mã'),
  asOf: isoDate.optional(),
  kind: z.string().max(50).optional(),
  includeClosed: z.stringbool().optional().describe('Có kèm đơn vị đã chấm dứt trước asOf. Mặc định: có khi tìm theo q (tên cũ vẫn tìm được), không khi chỉ liệt kê'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type SearchQuery = z.infer<typeof searchQuery>;

// ---- bodies -------------------------------------------------------------------------------------------------

const contactFields = {
  note: optionalText(2000),
  address: optionalText(500),
  phone: z
    .string()
    .trim()
    .max(50)
    .regex(/^[0-9+().\s-]*$/, { message: 'validation.phone' satisfies MessageKey })
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
  email: z
    .union([z.literal(''), z.email({ message: 'validation.email' satisfies MessageKey }).max(200)])
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
  website: optionalText(300),
};
export const contactFieldNames = ['note', 'address', 'phone', 'email', 'website'] as const;
export type ContactField = (typeof contactFieldNames)[number];

export const createUnitBody = z
  .object({
    code: unitCode.nullable().optional(),
    kindCode: z.string().min(1).max(50),
    adminType: optionalText(50),
    name,
    shortName: name.nullable().optional(),
    parentId: uuid.nullable(),
    validFrom: isoDate,
    ...contactFields,
  })
  .strict();
export type CreateUnitInput = z.infer<typeof createUnitBody>;

export const updateUnitBody = z
  .object({
    rowVersion: z.number().int().min(1),
    ...contactFields,
  })
  .strict();
export type UpdateUnitInput = z.infer<typeof updateUnitBody>;

export const legalBasisBody = z
  .object({
    number: optionalText(100),
    date: isoDate.nullable().optional(),
    title: cleanText(1000),
  })
  .strict();

const eventCommon = { effectiveDate: isoDate, legalBasis: legalBasisBody, rowVersion: z.number().int().min(1) };
export const recordEventBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('renamed'), name, shortName: name.nullable().optional(), ...eventCommon }).strict(),
  z.object({ type: z.literal('moved'), parentId: uuid, ...eventCommon }).strict(),
  z.object({ type: z.literal('dissolved'), ...eventCommon }).strict(),
  z.object({ type: z.literal('merged_into'), targetUnitId: uuid, kind: mergeKind, ...eventCommon }).strict(),
  z.object({ type: z.literal('split_from'), sourceUnitId: uuid, ...eventCommon }).strict(),
]);
export type RecordEventInput = z.infer<typeof recordEventBody>;

// ---- views --------------------------------------------------------------------------------------------------

export const unitKindView = z.object({ code: z.string(), name: z.string(), nameEn: z.string(), level: z.string(), sortOrder: z.number().int() });

export const treeNodeView = z.object({
  id: uuid,
  code: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  kindCode: z.string(),
  adminType: z.string().nullable(),
  parentId: uuid.nullable(),
  isDemo: z.boolean(),
});
export const treeView = z.object({ asOf: dateOut, nodes: z.array(treeNodeView) });

export const searchItemView = z.object({
  id: uuid,
  code: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  kindCode: z.string(),
  parentId: uuid.nullable(),
  parentName: z.string().nullable(),
  validFrom: dateOut,
  validTo: dateOut.nullable(),
  isDemo: z.boolean(),
  matchedOldName: z.string().nullable().describe('Tên cũ khớp với từ khoá khi tên hiện hành không khớp'),
});
export const searchView = z.object({ items: z.array(searchItemView), total: z.number().int() });

const unitRef = z.object({ id: uuid, name: z.string(), kindCode: z.string() });
export const unitDetailView = z.object({
  asOf: dateOut,
  unit: z.object({
    id: uuid,
    code: z.string().nullable(),
    kindCode: z.string(),
    adminType: z.string().nullable(),
    validFrom: dateOut,
    validTo: dateOut.nullable(),
    isDemo: z.boolean(),
    note: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    rowVersion: z.number().int(),
  }),
  version: z.object({ name: z.string(), shortName: z.string().nullable(), parentId: uuid.nullable(), validFrom: dateOut, validTo: dateOut.nullable() }).nullable(),
  status: unitStatus,
  displayName: z.string(),
  ancestors: z.array(unitRef),
  children: z.array(z.object({ id: uuid, code: z.string().nullable(), name: z.string(), kindCode: z.string() })),
  predecessors: z.array(z.object({ id: uuid, code: z.string().nullable(), name: z.string(), eventType: z.string(), effectiveDate: dateOut, kind: mergeKind.nullable() })),
  successors: z.array(
    z.object({
      id: uuid,
      code: z.string().nullable(),
      name: z.string(),
      eventType: z.string(),
      effectiveDate: dateOut,
      kind: mergeKind.nullable(),
      ancestors: z.array(unitRef),
    }),
  ),
  abilities: z.object({ canEdit: z.boolean(), canRecordEvent: z.boolean() }),
});
export type UnitDetailView = z.infer<typeof unitDetailView>;

export const eventView = z.object({
  id: uuid,
  type: z.string(),
  effectiveDate: dateOut,
  legalBasis: z.object({ number: z.string().nullable(), date: dateOut.nullable(), title: z.string() }).nullable(),
  relatedUnits: z.array(z.object({ id: uuid, code: z.string().nullable(), name: z.string() })),
  details: z.record(z.string(), z.unknown()),
});
export type EventView = z.infer<typeof eventView>;

export const historyView = z.object({
  versions: z.array(
    z.object({
      id: uuid,
      name: z.string(),
      shortName: z.string().nullable(),
      parentId: uuid.nullable(),
      parentName: z.string().nullable(),
      validFrom: dateOut,
      validTo: dateOut.nullable(),
    }),
  ),
  events: z.array(eventView),
});

export const eventRecordedView = z.object({ event: eventView, unit: unitDetailView });
