import { Typography } from 'antd';
import { explainTie, type TieGroup } from '../../../../src/core/ranking/ranking';
import type { Locale } from '../../../../src/core/decimal';

const text = {
  vi: { title: 'Đồng hạng:', rank: 'Hạng', units: 'đơn vị' },
  en: { title: 'Tied ranks:', rank: 'Rank', units: 'units' },
} as const;

/** Each shared rank once: its units by name when few, else their number, and the rule that could not separate them. */
export function TieSummary({ ties, locale }: { ties: readonly TieGroup[]; locale: Locale }) {
  if (ties.length === 0) return null;
  const s = text[locale];
  return (
    <Typography.Paragraph style={{ marginTop: 8 }} data-testid="tie-summary">
      {s.title}{' '}
      {ties
        .map(
          (t) =>
            `${s.rank} ${t.rank}: ${t.names ? t.names.join(', ') : `${t.count.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB')} ${s.units}`} (${locale === 'vi' ? t.reason : t.reasonEn}).`,
        )
        .join(' ')}
    </Typography.Paragraph>
  );
}

/** A ranked row's tie explanation in the reader's language: the server's Vietnamese text, or the same in English. */
export function tieTitle(locale: Locale, r: { rank: number; tiedCount: number; tieExplanation: string | null; totalPoints: string; shareMet: string | null }): string | undefined {
  if (!r.tieExplanation || r.tiedCount < 2) return undefined;
  return locale === 'vi' ? r.tieExplanation : explainTie('en', { rank: r.rank, others: r.tiedCount - 1, totalPoints: r.totalPoints, shareMet: r.shareMet });
}
