import { useId, useState } from 'react';
import { Button, Checkbox, Input, Select, Spin, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { useUnitSearch } from '../../api/units';
import { LoadError } from '../../components/LoadError';
import { Pill } from '../../components/Tags';
import { useDebounced } from '../../components/use-debounced';
import { useT } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { ClosedTag, DemoTag } from './UnitTags';
import { useAsOf } from './use-as-of';
import { useKindLabel } from './use-kind-label';

const PAGE = 20;

/** Accent-insensitive search on the server; the query text stays in the URL (?q=) so "Back" keeps it. */
export function UnitSearch() {
  const t = useT();
  const id = useId();
  const { asOf, today, unitPath } = useAsOf();
  const kinds = useKindLabel();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [kind, setKind] = useState<string | undefined>(undefined);
  const [includeClosed, setIncludeClosed] = useState(true);
  const [limit, setLimit] = useState(PAGE);
  const q = useDebounced(text.trim(), 300);
  const enabled = q.length >= 2;
  const search = useUnitSearch({ q, asOf, kind, includeClosed, limit, offset: 0 }, enabled);

  const onText = (value: string) => {
    setText(value);
    setLimit(PAGE);
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value.trim()) next.set('q', value.trim());
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  };

  const items = search.data?.items ?? [];
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="card-title">
        {t('common.search')}
      </h2>
      <div className="search-form">
        <label htmlFor={`${id}-q`} className="field-label">
          {t('org.searchLabel')}
        </label>
        <Input.Search
          id={`${id}-q`}
          value={text}
          onChange={(e) => onText(e.target.value)}
          onSearch={onText}
          placeholder={t('org.searchPlaceholder')}
          allowClear
          enterButton={t('common.search')}
        />
        <div className="search-filters">
          <div>
            <label htmlFor={`${id}-kind`} className="field-label">
              {t('org.searchKind')}
            </label>
            <Select
              id={`${id}-kind`}
              value={kind ?? ''}
              onChange={(value: string) => setKind(value || undefined)}
              options={[{ value: '', label: t('org.searchAllKinds') }, ...kinds.kinds.map((k) => ({ value: k.code, label: kinds.label(k.code) }))]}
              className="kind-select"
            />
          </div>
          <Checkbox checked={includeClosed} onChange={(e) => setIncludeClosed(e.target.checked)}>
            {t('org.searchIncludeClosed')}
          </Checkbox>
        </div>
      </div>
      <div aria-live="polite" className="search-results">
        {!enabled ? (
          <Typography.Paragraph className="muted">{t('org.searchHint')}</Typography.Paragraph>
        ) : search.isError ? (
          <LoadError error={search.error} onRetry={() => void search.refetch()} />
        ) : search.isPending ? (
          <Spin />
        ) : items.length === 0 ? (
          <Typography.Paragraph>{t('org.searchNone')}</Typography.Paragraph>
        ) : (
          <>
            <p className="muted">{t('org.resultsCount', { count: search.data?.total ?? items.length })}</p>
            <ul className="result-list" aria-label={t('org.searchResults')}>
              {items.map((unit) => (
                <li key={unit.id} className="result-item">
                  <div className="result-title">
                    <Link to={unitPath(unit.id)}>{unit.name}</Link> <ClosedTag validTo={unit.validTo} today={today} />
                    {unit.validFrom > asOf ? <Pill tone="amber">{t('org.notYetSince', { date: formatDate(unit.validFrom) })}</Pill> : null}
                    <DemoTag isDemo={unit.isDemo} />
                  </div>
                  <div className="result-meta">
                    {[unit.code ? `${t('common.code')} ${unit.code}` : null, kinds.label(unit.kindCode), unit.parentName ? t('unit.parentShort', { name: unit.parentName }) : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                  {unit.matchedOldName && unit.matchedOldName !== unit.name ? <div className="result-meta">{t('org.oldName', { name: unit.matchedOldName })}</div> : null}
                </li>
              ))}
            </ul>
            {(search.data?.total ?? 0) > items.length ? (
              <Button onClick={() => setLimit((l) => l + PAGE)} loading={search.isFetching}>
                {t('common.showMore')}
              </Button>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}
