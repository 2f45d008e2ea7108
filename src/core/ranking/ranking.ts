import { Dec, formatNumber, formatPercent, type Decimal, type Locale } from '../decimal';

/** One unit's result to rank: total points and share of applicable criteria met (exact decimal strings). */
export type RankingEntry = { unitId: string; name: string; totalPoints: string; shareMet: string | null };

export type RankedEntry = RankingEntry & {
  /** Standard competition rank ("1, 2, 2, 4"). */
  rank: number;
  /** How many units share this rank, this one included: 1 when alone. */
  tiedCount: number;
  /** Why units share the rank, in Vietnamese, naming the others only when they are few; null when alone. */
  tieExplanation: string | null;
  previousRank: number | null;
  /** previousRank − rank: positive moved up, negative moved down; null when not ranked before. */
  movement: number | null;
};

/** A rank shared by several units, described once for the whole group (not once per unit). */
export type TieGroup = {
  rank: number;
  /** Units sharing the rank (at least 2). */
  count: number;
  totalPoints: string;
  shareMet: string | null;
  /** The tie-break rule that could not separate them, in Vietnamese and in English. */
  reason: string;
  reasonEn: string;
  /** The units' names when the group is small (at most TIE_NAMES_LIMIT + 1 units), else null: the count says it. */
  names: string[] | null;
};

/**
 * At most this many other units are named in a tie explanation; larger groups are described by their count, so a
 * ranking stays linear in size when hundreds of communes share a total (bench/dashboard.ts).
 */
export const TIE_NAMES_LIMIT = 5;

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

type Keyed = { entry: RankingEntry; points: Decimal; share: Decimal };

/** Orders by total points, then share met (descending); equal on both is a tie. */
function compareResult(a: Keyed, b: Keyed): number {
  const byPoints = b.points.comparedTo(a.points);
  if (byPoints !== 0) return byPoints;
  return b.share.comparedTo(a.share);
}

/**
 * Ranks units by total points, then share met; units equal on both share a rank (standard competition ranking,
 * "1, 2, 2, 4") and are listed by name. `previous` maps unit id → rank in the previous period, for movement.
 * O(n log n) time and O(n) output: a tie names at most TIE_NAMES_LIMIT other units.
 */
export function rankUnits(entries: readonly RankingEntry[], previous: ReadonlyMap<string, number> = new Map()): RankedEntry[] {
  // Decimals are parsed once per unit, not once per comparison.
  const keyed: Keyed[] = entries.map((entry) => ({ entry, points: new Dec(entry.totalPoints), share: new Dec(entry.shareMet ?? '-1') }));
  keyed.sort((a, b) => compareResult(a, b) || collator.compare(a.entry.name, b.entry.name) || a.entry.unitId.localeCompare(b.entry.unitId));
  const out: RankedEntry[] = [];
  let i = 0;
  while (i < keyed.length) {
    let j = i + 1;
    while (j < keyed.length && compareResult(keyed[i]!, keyed[j]!) === 0) j++;
    const rank = i + 1;
    const count = j - i;
    const first = keyed[i]!.entry;
    // A large group shares one explanation string; a small one names the others (at most TIE_NAMES_LIMIT each).
    const shared = count - 1 > TIE_NAMES_LIMIT ? explainTie('vi', { rank, others: count - 1, totalPoints: first.totalPoints, shareMet: first.shareMet }) : null;
    for (let k = i; k < j; k++) {
      const e = keyed[k]!.entry;
      const prev = previous.get(e.unitId) ?? null;
      let tieExplanation: string | null = shared;
      if (count > 1 && shared === null) {
        const others: string[] = [];
        for (let m = i; m < j; m++) if (m !== k) others.push(keyed[m]!.entry.name);
        tieExplanation = explainTie('vi', { rank, others, totalPoints: e.totalPoints, shareMet: e.shareMet });
      }
      out.push({ ...e, rank, tiedCount: count, tieExplanation, previousRank: prev, movement: prev === null ? null : prev - rank });
    }
    i = j;
  }
  return out;
}

/** What the tied units have in common: the tie-break rule that could not separate them. */
export function tieReason(locale: Locale, totalPoints: string, shareMet: string | null): string {
  if (locale === 'en') {
    const shareText = shareMet === null ? 'no share of criteria met yet' : `share of criteria met ${formatPercent(shareMet, 'en')}`;
    return `same total points ${formatNumber(totalPoints, 'en')} and ${shareText}`;
  }
  const shareText = shareMet === null ? 'chưa có tỷ lệ đạt' : `tỷ lệ tiêu chí đạt ${formatPercent(shareMet, 'vi')}`;
  return `cùng tổng điểm ${formatNumber(totalPoints, 'vi')} và ${shareText}`;
}

/**
 * The tie explanation shown for a stored ranking row shared by `tiedCount` units: a large tie by its count (also for
 * snapshots frozen before ties were made linear, whose stored text named every other unit), otherwise the stored text.
 */
export function shownTieExplanation(row: { rank: number; totalPoints: string; shareMet: string | null; stored: string | null }, tiedCount: number): string | null {
  return tiedCount - 1 > TIE_NAMES_LIMIT ? explainTie('vi', { rank: row.rank, others: tiedCount - 1, totalPoints: row.totalPoints, shareMet: row.shareMet }) : row.stored;
}
/**
 * Explains one unit's shared rank: `others` is the other units' names (a small group) or their number (a large one).
 * "Đồng hạng 12 với 299 đơn vị khác (cùng tổng điểm 80 và tỷ lệ tiêu chí đạt 80,00 %)"; a small group names them.
 */
export function explainTie(locale: Locale, tie: { rank: number; others: readonly string[] | number; totalPoints: string; shareMet: string | null }): string {
  const reason = tieReason(locale, tie.totalPoints, tie.shareMet);
  // The count form is repeated on hundreds of rows: kept short (the tie group says the rest once).
  if (locale === 'en') {
    if (typeof tie.others === 'number') return `Tied for rank ${tie.rank} with ${formatNumber(String(tie.others), 'en')} other ${tie.others === 1 ? 'unit' : 'units'} (${reason})`;
    return `Tied for rank ${tie.rank} with ${tie.others.join(', ')}: ${reason}; listed by name for display only.`;
  }
  if (typeof tie.others === 'number') return `Đồng hạng ${tie.rank} với ${formatNumber(String(tie.others), 'vi')} đơn vị khác (${reason})`;
  return `Đồng hạng ${tie.rank} với ${tie.others.join(', ')}: ${reason}; xếp theo tên chỉ để trình bày.`;
}

/**
 * The shared ranks of a ranking, each described once, in rank order. Takes ranked rows in display order (as
 * rankUnits returns them, or as a snapshot stores them); O(n).
 */
export function describeTies(rows: readonly { rank: number; name: string; totalPoints: string; shareMet: string | null }[]): TieGroup[] {
  const out: TieGroup[] = [];
  let i = 0;
  while (i < rows.length) {
    let j = i + 1;
    while (j < rows.length && rows[j]!.rank === rows[i]!.rank) j++;
    const count = j - i;
    if (count > 1) {
      const first = rows[i]!;
      out.push({
        rank: first.rank,
        count,
        totalPoints: first.totalPoints,
        shareMet: first.shareMet,
        reason: tieReason('vi', first.totalPoints, first.shareMet),
        reasonEn: tieReason('en', first.totalPoints, first.shareMet),
        names: count - 1 <= TIE_NAMES_LIMIT ? rows.slice(i, j).map((r) => r.name) : null,
      });
    }
    i = j;
  }
  return out;
}

/** How many rows share each row's rank (rows in display order, one scope): O(n). */
export function countTied(rows: readonly { rank: number }[]): number[] {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.rank, (counts.get(r.rank) ?? 0) + 1);
  return rows.map((r) => counts.get(r.rank)!);
}
