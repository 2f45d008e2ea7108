import { useMemo, useState } from 'react';
import { Card, Col, Descriptions, Empty, Radio, Row, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { daysBetween, todayInVietnam } from '../../../../src/core/dates';
import { obligations, type Obligation } from '../../../../src/core/movement-package/movement-package.schemas';
import type { MovementAgency, MovementDetail, MovementMilestone } from '../../api/movements';
import { Pill } from '../../components/Tags';
import { formatValidity } from '../../components/validity';
import { useT } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { documentReference, levelLabel, MilestoneStatusPill } from './labels';
import { useMovementStrings, type MovementsKey } from './strings';

type Props = { movement: MovementDetail };

/** Markdown-ish text from the plan: paragraphs separated by blank lines, line breaks kept. */
export function Prose({ text }: { text: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return (
    <div className="prose">
      {paragraphs.map((p, i) => (
        <p key={i}>
          {p.split('\n').map((line, j) => (
            <span key={j}>
              {j > 0 ? <br /> : null}
              {line}
            </span>
          ))}
        </p>
      ))}
    </div>
  );
}

function CardTitle({ children }: { children: string }) {
  return <h2 className="card-title">{children}</h2>;
}

// ---------------------------------------------------------------------------------------------

export function OverviewTab({ movement }: Props) {
  const t = useMovementStrings();
  const doc = movement.issuingDocument;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card title={<CardTitle>{t('detail.issuingDocument')}</CardTitle>} className="full-height">
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'ref', label: t('detail.issuingDocument'), children: <strong>{documentReference(t, doc)}</strong> },
              { key: 'issuer', label: t('doc.issuer'), children: doc.issuer },
              { key: 'title', label: t('doc.title'), children: doc.title },
              { key: 'signer', label: t('doc.signer'), children: doc.signer ? `${doc.signer}${doc.signerPosition ? `, ${doc.signerPosition}` : ''}` : '—' },
              { key: 'code', label: t('detail.code'), children: <span className="mono">{movement.code}</span> },
              { key: 'short', label: t('detail.shortName'), children: movement.shortName },
            ]}
          />
          <h3 className="subsection-title">{t('detail.description')}</h3>
          <Prose text={movement.description} />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={<CardTitle>{t('detail.legalBases')}</CardTitle>} className="full-height">
          <ul className="plain-list">
            {movement.legalBases.map((b) => (
              <li key={`${b.number}-${b.date ?? ''}`}>
                <strong>{documentReference(t, b)}</strong> — {b.issuer}
                <div className="muted">{b.title}</div>
              </li>
            ))}
          </ul>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={<CardTitle>{t('detail.purposes')}</CardTitle>} className="full-height">
          <Prose text={movement.purposes} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={<CardTitle>{t('detail.requirements')}</CardTitle>} className="full-height">
          <Prose text={movement.requirements} />
        </Card>
      </Col>
      <Col xs={24}>
        <Card title={<CardTitle>{t('detail.participants')}</CardTitle>}>
          <Table
            size="small"
            rowKey="kind"
            pagination={false}
            dataSource={movement.participantKinds}
            columns={[
              { title: t('detail.participants'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
              { title: t('detail.participantLevel'), dataIndex: 'level', render: (level: string) => levelLabel(t, level), width: 170 },
              { title: t('agencies.note'), dataIndex: 'description', render: (d?: string) => d ?? '—' },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

// ---------------------------------------------------------------------------------------------

export function TimelineTab({ movement }: Props) {
  const t = useMovementStrings();
  const [phase, setPhase] = useState<string>('all');
  const today = movement.asOf || todayInVietnam();
  const phases = [...movement.phases].sort((a, b) => a.from.localeCompare(b.from));
  const start = phases[0]?.from;
  const end = phases[phases.length - 1]?.to;
  const todayShare = start && end && today >= start && today <= end ? (daysBetween(start, today) / Math.max(1, daysBetween(start, end))) * 100 : null;
  const kindNames = useMemo(() => new Map(movement.participantKinds.map((k) => [k.kind, k.name])), [movement.participantKinds]);
  const milestones = phase === 'all' ? movement.milestones : movement.milestones.filter((m) => m.phaseCode === phase);
  const obligationLabel = (o: string) => ((obligations as readonly string[]).includes(o) ? t(`obligation.${o as Obligation}` as MovementsKey) : o);

  return (
    <>
      <Card title={<CardTitle>{t('timeline.phases')}</CardTitle>}>
        <div className="phase-bar">
          {phases.map((p) => {
            const state = p.isCurrent ? 'current' : p.to < today ? 'ended' : 'future';
            return (
              <div key={p.id} className={`phase-segment ${state}`} style={{ flexGrow: Math.max(1, daysBetween(p.from, p.to)) }}>
                <div className="phase-name">
                  {p.name}
                  {state === 'current' ? (
                    <Pill tone="green">{t('timeline.current')}</Pill>
                  ) : state === 'ended' ? (
                    <Pill tone="grey">{t('timeline.ended')}</Pill>
                  ) : (
                    <Pill tone="blue">{t('timeline.notStarted')}</Pill>
                  )}
                </div>
                <div className="phase-dates">{t('timeline.range', { from: formatDate(p.from), to: formatDate(p.to) })}</div>
                <div className="phase-desc">{p.description}</div>
              </div>
            );
          })}
          {todayShare !== null ? (
            <span className="phase-today" style={{ left: `${todayShare}%` }}>
              {t('timeline.today', { date: formatDate(today) })}
            </span>
          ) : null}
        </div>
      </Card>
      <Card
        className="section"
        title={<CardTitle>{`${t('timeline.milestones')} (${t('timeline.milestoneCount', { count: milestones.length })})`}</CardTitle>}
        extra={
          <Radio.Group
            aria-label={t('timeline.filterPhase')}
            optionType="button"
            size="small"
            value={phase}
            onChange={(e) => setPhase(e.target.value as string)}
            options={[{ value: 'all', label: t('timeline.allPhases') }, ...phases.map((p) => ({ value: p.code, label: p.name }))]}
          />
        }
      >
        <Table<MovementMilestone>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={milestones}
          rowClassName={(m) => `milestone-row-${m.status}`}
          scroll={{ x: 860 }}
          expandable={{
            rowExpandable: (m) => Boolean(m.description) && m.description !== m.title,
            expandedRowRender: (m) => <Prose text={m.description} />,
          }}
          columns={[
            { title: t('timeline.deadline'), dataIndex: 'deadline', render: (d: string) => <strong>{formatDate(d)}</strong>, width: 105 },
            {
              title: t('timeline.milestone'),
              dataIndex: 'title',
              render: (title: string, m) => (
                <>
                  <div>{title}</div>
                  <div className="small muted">
                    <Pill tone="grey">{obligationLabel(m.obligation)}</Pill>
                    {m.source ? ` ${t('contents.source', { source: m.source })}` : ''}
                  </div>
                </>
              ),
            },
            {
              title: t('timeline.appliesTo'),
              dataIndex: 'appliesTo',
              width: 260,
              render: (kinds: string[]) => <span className="small">{kinds.map((k) => kindNames.get(k as never) ?? k).join('; ')}</span>,
            },
            { title: t('timeline.target'), dataIndex: 'target', render: (v: string | null) => v ?? '—', width: 110 },
            { title: t('timeline.status'), dataIndex: 'status', render: (s: MovementMilestone['status']) => <MilestoneStatusPill status={s} />, width: 130 },
          ]}
        />
      </Card>
    </>
  );
}

// ---------------------------------------------------------------------------------------------

export function ContentsTab({ movement }: Props) {
  const t = useMovementStrings();
  const areas = [...movement.contentAreas].sort((a, b) => a.order - b.order);
  return (
    <>
      <Card title={<CardTitle>{t('contents.areas', { count: areas.length })}</CardTitle>}>
        <ol className="area-list">
          {areas.map((a) => (
            <li key={a.code}>
              <h3 className="area-title">
                {a.order}. {a.title}
              </h3>
              <Prose text={a.description} />
              <div className="muted small">{t('contents.source', { source: a.source })}</div>
            </li>
          ))}
        </ol>
      </Card>
      <Card className="section" title={<CardTitle>{t('contents.sectors', { count: movement.prioritySectors.length })}</CardTitle>}>
        <ul className="sector-grid">
          {movement.prioritySectors.map((s) => (
            <li key={s.code}>
              <h3 className="area-title">{s.name}</h3>
              <Typography.Paragraph className="small">{s.summary}</Typography.Paragraph>
              <div className="muted small">{t('contents.source', { source: s.source })}</div>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

// ---------------------------------------------------------------------------------------------

const roleOrder = ['standing_agency', 'coordinating_agency', 'awards_board', 'council'];

function roleLabel(t: ReturnType<typeof useMovementStrings>, role: string): string {
  return ['standing_agency', 'coordinating_agency', 'awards_board', 'council', 'participant', 'supporting_org'].includes(role) ? t(`role.${role}` as MovementsKey) : role;
}

export function AgenciesTab({ movement }: Props) {
  const t = useMovementStrings();
  const tc = useT();
  const agencies = [...movement.agencies].sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || a.validFrom.localeCompare(b.validFrom));
  const state = (a: MovementAgency) => (a.isCurrent ? 'current' : a.validFrom > movement.asOf ? 'future' : 'ended');
  return (
    <>
      <Card title={<CardTitle>{t('agencies.title')}</CardTitle>}>
        <Typography.Paragraph className="muted">{t('agencies.intro')}</Typography.Paragraph>
        <Table<MovementAgency>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={agencies}
          rowClassName={(a) => `agency-row-${state(a)}`}
          scroll={{ x: 800 }}
          columns={[
            { title: t('agencies.role'), dataIndex: 'role', render: (role: string) => <strong>{roleLabel(t, role)}</strong>, width: 200 },
            {
              title: t('agencies.unit'),
              dataIndex: 'unitName',
              render: (name: string, a) => (a.unitId ? <Link to={`/to-chuc/don-vi/${a.unitId}`}>{name}</Link> : name),
            },
            {
              title: t('agencies.validity'),
              key: 'validity',
              width: 260,
              render: (_: unknown, a) => (
                <>
                  <div>{formatValidity(tc, a.validFrom, a.validTo)}</div>
                  {state(a) === 'current' ? (
                    <Pill tone="green">{t('agencies.current')}</Pill>
                  ) : state(a) === 'ended' ? (
                    <Pill tone="grey">{t('agencies.ended')}</Pill>
                  ) : (
                    <Pill tone="amber">{t('agencies.future')}</Pill>
                  )}
                </>
              ),
            },
            { title: t('agencies.note'), dataIndex: 'note', render: (note: string, a) => `${note || '—'}${a.source && !note.includes(a.source) ? ` (${a.source})` : ''}` },
          ]}
        />
      </Card>
      <Card className="section" title={<CardTitle>{t('resp.title')}</CardTitle>}>
        <ul className="plain-list resp-list">
          {movement.responsibilities.map((r, i) => (
            <li key={i}>
              <strong>{r.unitName}</strong> <Pill tone="blue">{roleLabel(t, r.role)}</Pill>{' '}
              <Pill tone={r.mandate === 'requested' ? 'amber' : 'grey'}>{t(r.mandate === 'requested' ? 'resp.requested' : 'resp.assigned')}</Pill>
              {r.source ? <span className="muted small"> · {t('contents.source', { source: r.source })}</span> : null}
              <ul className="resp-tasks">
                {r.tasks.map((task, j) => (
                  <li key={j}>{task}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

// ---------------------------------------------------------------------------------------------

export function AwardsTab({ movement }: Props) {
  const t = useMovementStrings();
  if (movement.awardForms.length === 0) return <Empty description={t('awards.empty')} />;
  return (
    <Row gutter={[16, 16]}>
      {movement.awardForms.map((a) => (
        <Col key={a.code} xs={24} lg={12} xxl={8}>
          <Card
            title={<CardTitle>{a.name}</CardTitle>}
            className="full-height"
            extra={<Pill tone={a.level === 'province' ? 'green' : a.level === 'national' ? 'amber' : 'blue'}>{t(`awards.level.${a.level}` as MovementsKey)}</Pill>}
          >
            <Typography.Paragraph>
              <strong>{t('awards.by')}:</strong> {a.awardedBy}
            </Typography.Paragraph>
            <Prose text={a.description} />
            {a.source ? <div className="muted small">{t('contents.source', { source: a.source })}</div> : null}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
