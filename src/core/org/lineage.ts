/**
 * Predecessors and successors of a unit from its lineage events. Model: an old unit X merged into Y carries a
 * `merged_into` event with relatedUnitIds [Y]; the new unit Y carries `created` (or `split_from`) naming its
 * predecessors. Either side is enough to see the link; when both exist the `merged_into` one wins (it has the kind).
 */

export const lineageEventTypes = ['created', 'renamed', 'moved', 'merged_into', 'split_from', 'dissolved'] as const;
export type LineageEventType = (typeof lineageEventTypes)[number];
export type MergeKind = 'full' | 'partial';

export type LineageEventLike = {
  unitId: string;
  type: string;
  relatedUnitIds: readonly string[];
  effectiveDate: string;
  details: Record<string, unknown>;
};

export type LineageLink = { unitId: string; eventType: string; effectiveDate: string; kind: MergeKind | null };

function mergeKind(value: unknown): MergeKind | null {
  return value === 'full' || value === 'partial' ? value : null;
}

/** The kind recorded for `unitId` in a created/split event's details.predecessors, if any. */
function kindFromPredecessorList(details: Record<string, unknown>, unitId: string): MergeKind | null {
  const list = details.predecessors;
  if (!Array.isArray(list)) return null;
  for (const entry of list as unknown[]) {
    if (entry && typeof entry === 'object') {
      const e = entry as Record<string, unknown>;
      if (e.id === unitId || e.unitId === unitId) return mergeKind(e.kind);
    }
  }
  return null;
}

function addLink(links: Map<string, LineageLink>, link: LineageLink) {
  const existing = links.get(link.unitId);
  if (!existing || (existing.eventType !== 'merged_into' && link.eventType === 'merged_into')) links.set(link.unitId, link);
}

const byDate = (a: LineageLink, b: LineageLink) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0);

/** Units that flowed into `unitId`: merged into it, or named by its created/split_from events. */
export function predecessorLinks(unitId: string, events: readonly LineageEventLike[]): LineageLink[] {
  const links = new Map<string, LineageLink>();
  for (const e of events) {
    if (e.type === 'merged_into' && e.unitId !== unitId && e.relatedUnitIds.includes(unitId)) {
      addLink(links, { unitId: e.unitId, eventType: e.type, effectiveDate: e.effectiveDate, kind: mergeKind(e.details.kind) });
    } else if ((e.type === 'created' || e.type === 'split_from') && e.unitId === unitId) {
      for (const related of e.relatedUnitIds) {
        if (related === unitId) continue;
        addLink(links, { unitId: related, eventType: e.type, effectiveDate: e.effectiveDate, kind: kindFromPredecessorList(e.details, related) });
      }
    }
  }
  return [...links.values()].sort(byDate);
}

/** Units that `unitId` flowed into: targets of its merged_into events, or units created/split from it. */
export function successorLinks(unitId: string, events: readonly LineageEventLike[]): LineageLink[] {
  const links = new Map<string, LineageLink>();
  for (const e of events) {
    if (e.type === 'merged_into' && e.unitId === unitId) {
      for (const related of e.relatedUnitIds) {
        if (related === unitId) continue;
        addLink(links, { unitId: related, eventType: e.type, effectiveDate: e.effectiveDate, kind: mergeKind(e.details.kind) });
      }
    } else if ((e.type === 'created' || e.type === 'split_from') && e.unitId !== unitId && e.relatedUnitIds.includes(unitId)) {
      addLink(links, { unitId: e.unitId, eventType: e.type, effectiveDate: e.effectiveDate, kind: kindFromPredecessorList(e.details, unitId) });
    }
  }
  return [...links.values()].sort(byDate);
}
