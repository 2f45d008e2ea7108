/**
 * A unit's name on a date, from its versions. One rule everywhere (the units pages, lists of users, grants, audit
 * entries, reports): the version in force on the date, else the latest that started before it (a ceased unit shows
 * its last name), else the earliest (a unit not yet created shows its first name) — `pickVersion`.
 */
import { pickVersion, type Interval } from './intervals.js';

/** A version of a unit's name, as read from unit_versions. */
export type NamedVersion = Interval & { unitId: string; name: string };

/** Versions grouped by unit, in the order given. */
export function versionsByUnit<T extends { unitId: string }>(versions: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const v of versions) {
    const list = map.get(v.unitId);
    if (list) list.push(v);
    else map.set(v.unitId, [v]);
  }
  return map;
}

/** The name borne on the date by the unit whose versions are given; null when it has none. */
export function nameOn(versions: readonly (Interval & { name: string })[], date: string): string | null {
  return pickVersion(versions, date)?.name ?? null;
}

/** The name on the date of every unit that has a version among those given (units of several at once). */
export function namesOn(versions: readonly NamedVersion[], date: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const [unitId, list] of versionsByUnit(versions)) {
    const name = nameOn(list, date);
    if (name !== null) names.set(unitId, name);
  }
  return names;
}
