import type { z } from 'zod';
import type { EventRow, SearchRow, TreeRow, UnitRow, VersionRow } from './units.repository.js';
import type { EventView, searchItemView, treeNodeView, unitDetailView, unitKindView } from './units.schemas.js';

export function presentKind(row: { code: string; name: string; nameEn: string; level: string; sortOrder: number }): z.infer<typeof unitKindView> {
  return { code: row.code, name: row.name, nameEn: row.nameEn, level: row.level, sortOrder: row.sortOrder };
}

export function presentTreeNode(row: TreeRow): z.infer<typeof treeNodeView> {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    kindCode: row.kind_code,
    adminType: row.admin_type,
    parentId: row.parent_id,
    isDemo: row.is_demo,
  };
}

export function presentSearchItem(row: SearchRow, matchedOldName: string | null): z.infer<typeof searchItemView> {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    shortName: row.short_name,
    kindCode: row.kind_code,
    parentId: row.parent_id,
    parentName: row.parent_name,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    isDemo: row.is_demo,
    matchedOldName,
  };
}

export function presentUnit(row: UnitRow): z.infer<typeof unitDetailView>['unit'] {
  return {
    id: row.id,
    code: row.code,
    kindCode: row.kindCode,
    adminType: row.adminType,
    validFrom: row.validFrom,
    validTo: row.validTo,
    isDemo: row.isDemo,
    note: row.note,
    address: row.address,
    phone: row.phone,
    email: row.email,
    website: row.website,
    rowVersion: row.rowVersion,
  };
}

export function presentVersion(row: VersionRow | null): z.infer<typeof unitDetailView>['version'] {
  if (!row) return null;
  return { name: row.name, shortName: row.shortName, parentId: row.parentId, validFrom: row.validFrom, validTo: row.validTo };
}

export function presentEvent(row: EventRow, relatedUnits: EventView['relatedUnits']): EventView {
  return {
    id: row.id,
    type: row.type,
    effectiveDate: row.effectiveDate,
    legalBasis: row.legalBasisTitle === null && row.legalBasisNumber === null ? null : { number: row.legalBasisNumber, date: row.legalBasisDate, title: row.legalBasisTitle ?? '' },
    relatedUnits,
    details: row.details,
  };
}
