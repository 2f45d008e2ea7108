import type { ContentArea, CriteriaSetVersion, Criterion, DataElement, UnitLevel } from '../criteria/criteria.schemas.js';
import { referencedCodes } from '../expression/index.js';

/** Whether a criterion is evaluated on a unit of this level (it applies and has a target, or is judged). */
export function criterionApplies(c: Criterion, level: UnitLevel): boolean {
  if (!c.levels.includes(level)) return false;
  return c.kind === 'qualitative' || c.targets.some((t) => t.level === level);
}

function criterionCodes(c: Criterion): string[] {
  switch (c.kind) {
    case 'ratio':
      return [...referencedCodes(c.numerator), ...referencedCodes(c.denominator)].filter((v, i, a) => a.indexOf(v) === i);
    case 'value':
      return referencedCodes(c.expression);
    case 'qualitative':
    case 'group':
      return [];
  }
}

export type FormArea = { area: ContentArea; elements: DataElement[]; criteria: Criterion[] };
export type FormLayout = { areas: FormArea[]; elements: DataElement[]; criteria: Criterion[] };

/**
 * The form of a unit of a level: its applicable criteria and the data elements they use, grouped by content area
 * (an element sits in the area of the first criterion using it). Members of a group criterion (e.g. departments for
 * the province-wide LGSP share) report the element of its member condition. Every content area is listed so that
 * each has its narrative.
 */
export function buildFormLayout(set: CriteriaSetVersion, level: UnitLevel): FormLayout {
  // Sets are read-only values (a frozen version never changes): the layout per level is computed once per object.
  let byLevel = layoutCache.get(set);
  if (!byLevel) layoutCache.set(set, (byLevel = new Map()));
  const cached = byLevel.get(level);
  if (cached) return cached;
  const layout = computeFormLayout(set, level);
  byLevel.set(level, layout);
  return layout;
}

const layoutCache = new WeakMap<CriteriaSetVersion, Map<UnitLevel, FormLayout>>();

function computeFormLayout(set: CriteriaSetVersion, level: UnitLevel): FormLayout {
  const areaOf = new Map<string, string>();
  const criteria = set.criteria.filter((c) => criterionApplies(c, level));
  for (const c of criteria) for (const code of criterionCodes(c)) if (!areaOf.has(code)) areaOf.set(code, c.contentArea);
  for (const c of set.criteria) {
    if (c.kind === 'group' && c.memberLevel === level) for (const code of referencedCodes(c.memberCondition)) if (!areaOf.has(code)) areaOf.set(code, c.contentArea);
  }
  // Keep the set's order of data elements.
  const elements = set.dataElements.filter((e) => areaOf.has(e.code));
  const areas = [...set.contentAreas]
    .sort((a, b) => a.order - b.order)
    .map((area) => ({
      area,
      elements: elements.filter((e) => areaOf.get(e.code) === area.code),
      criteria: criteria.filter((c) => c.contentArea === area.code),
    }));
  return { areas, elements, criteria };
}
