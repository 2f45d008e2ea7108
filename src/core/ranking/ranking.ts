import { Dec, formatNumber, formatPercent } from '../decimal';

/** One unit's result to rank: total points and share of applicable criteria met (exact decimal strings). */
export type RankingEntry = { unitId: string; name: string; totalPoints: string; shareMet: string | null };

export type RankedEntry = RankingEntry & {
  /** Standard competition rank ("1, 2, 2, 4"). */
  rank: number;
  /** Other units sharing this rank. */
  tiedWith: string[];
  /** Why units share the rank, in Vietnamese; null when alone. */
  tieExplanation: string | null;
  previousRank: number | null;
  /** previousRank − rank: positive moved up, negative moved down; null when not ranked before. */
  movement: number | null;
};

const share = (e: RankingEntry) => new Dec(e.shareMet ?? '-1');

/** Orders by total points, then share met (descending); equal on both is a tie. */
function compareResult(a: RankingEntry, b: RankingEntry): number {
  const byPoints = new Dec(b.totalPoints).comparedTo(new Dec(a.totalPoints));
  if (byPoints !== 0) return byPoints;
  return share(b).comparedTo(share(a));
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/**
 * Ranks units by total points, then share met; units equal on both share a rank (standard competition ranking,
 * "1, 2, 2, 4") and are listed by name. `previous` maps unit id → rank in the previous period, for movement.
 */
export function rankUnits(entries: readonly RankingEntry[], previous: ReadonlyMap<string, number> = new Map()): RankedEntry[] {
  const sorted = [...entries].sort((a, b) => compareResult(a, b) || collator.compare(a.name, b.name) || a.unitId.localeCompare(b.unitId));
  const out: RankedEntry[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && compareResult(sorted[i]!, sorted[j]!) === 0) j++;
    const group = sorted.slice(i, j);
    const rank = i + 1;
    for (const e of group) {
      const others = group.filter((g) => g.unitId !== e.unitId);
      const prev = previous.get(e.unitId) ?? null;
      out.push({
        ...e,
        rank,
        tiedWith: others.map((o) => o.unitId),
        tieExplanation: others.length === 0 ? null : explainTie(rank, e, others),
        previousRank: prev,
        movement: prev === null ? null : prev - rank,
      });
    }
    i = j;
  }
  return out;
}

function explainTie(rank: number, e: RankingEntry, others: RankingEntry[]): string {
  const shareText = e.shareMet === null ? 'chưa có tỷ lệ đạt' : `tỷ lệ tiêu chí đạt ${formatPercent(e.shareMet, 'vi')}`;
  return `Đồng hạng ${rank} với ${others.map((o) => o.name).join(', ')}: cùng tổng điểm ${formatNumber(e.totalPoints, 'vi')} và ${shareText}; xếp theo tên chỉ để trình bày.`;
}
