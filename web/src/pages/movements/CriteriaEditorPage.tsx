import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Skeleton, Space, Typography } from 'antd';
import { ForkOutlined, LockOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useBlocker, useNavigate, useParams } from 'react-router-dom';
import type { DocumentRef } from '../../../../src/core/movement-package/movement-package.schemas';
import { isApiError } from '../../api/client';
import { useCriteriaSet, useCriteriaVersion, useSaveVersion, type CriteriaVersion } from '../../api/criteria';
import { useMovement } from '../../api/movements';
import { Breadcrumbs } from '../../components/Breadcrumbs';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/i18n';
import { formatDate, formatDateTime } from '../../i18n/format';
import NotFoundPage from '../misc/NotFoundPage';
import { CriteriaMatrix } from './CriteriaMatrix';
import { BandsEditor } from './BandsEditor';
import { CriteriaEditor } from './CriteriaEditor';
import { DataElementsEditor } from './DataElementsEditor';
import { describeEditorPath, editorPath, type Definition } from './definition-edit';
import { documentReference, levelLabel, VersionStatusPill } from './labels';
import { TryItPanel } from './TryItPanel';
import { DiffList } from './VersionHistory';
import { AmendModal, FreezeModal } from './VersionModals';
import { useMovementStrings } from './strings';
import './movements.css';

type Draft = { effectiveFrom: string; legalBasis: DocumentRef; definition: Definition };
export type FieldErrors = ReadonlyMap<string, string[]>;

function draftOf(version: CriteriaVersion): Draft {
  return { effectiveFrom: version.effectiveFrom, legalBasis: version.legalBasis, definition: version.definition };
}

export default function CriteriaEditorPage() {
  const { id = '', versionId = '' } = useParams();
  const tc = useT();
  const version = useCriteriaVersion(versionId);
  if (version.isError) {
    if (isApiError(version.error, 404) || isApiError(version.error, 400)) return <NotFoundPage />;
    return <LoadError error={version.error} onRetry={() => void version.refetch()} />;
  }
  if (!version.data) {
    return (
      <div aria-busy="true">
        <span className="visually-hidden">{tc('app.loading')}</span>
        <Skeleton active paragraph={{ rows: 12 }} />
      </div>
    );
  }
  if (version.data.movementId !== id) return <NotFoundPage />;
  return <EditorView version={version.data} reload={async () => (await version.refetch()).data} />;
}

function EditorView({ version, reload }: { version: CriteriaVersion; reload: () => Promise<CriteriaVersion | undefined> }) {
  const t = useMovementStrings();
  const navigate = useNavigate();
  const movement = useMovement(version.movementId);
  const set = useCriteriaSet(version.criteriaSetId);
  const [amending, setAmending] = useState(false);
  const [freezing, setFreezing] = useState(false);
  const editable = version.abilities.canEdit;
  const baseNumber = set.data?.versions.find((v) => v.id === version.basedOnVersionId)?.version ?? null;
  const movementName = movement.data?.shortName ?? '…';

  return (
    <>
      <PageHeader
        title={t('editor.title', { version: version.version })}
        breadcrumb={
          <Breadcrumbs
            items={[
              { label: t('list.title'), to: '/phong-trao' },
              { label: movementName, to: `/phong-trao/${version.movementId}?phan=tieu-chi` },
              { label: t('criteria.versionN', { version: version.version }) },
            ]}
          />
        }
        tags={
          <Space size={6} wrap>
            <VersionStatusPill status={version.status} />
            <span className="muted">{t('criteria.effectiveFrom', { date: formatDate(version.effectiveFrom) })}</span>
            <span className="mono small muted">{version.criteriaSetCode}</span>
          </Space>
        }
        extra={
          <Space wrap>
            {version.abilities.canFreeze ? (
              <Button icon={<LockOutlined />} onClick={() => setFreezing(true)}>
                {t('freeze.button')}
              </Button>
            ) : null}
            {/* A frozen version offers the amendment in its banner instead. */}
            {version.abilities.canAmend && version.status !== 'frozen' ? (
              <Button icon={<ForkOutlined />} onClick={() => setAmending(true)}>
                {t('criteria.amend')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {version.status === 'frozen' ? (
        <Alert
          type="warning"
          showIcon
          icon={<LockOutlined />}
          className="page-alert"
          title={t('editor.frozenBanner', { date: version.frozenAt ? formatDateTime(version.frozenAt) : '—', reason: version.frozenReason ?? '—' })}
          action={
            version.abilities.canAmend ? (
              <Button size="small" type="primary" onClick={() => setAmending(true)}>
                {t('criteria.amend')}
              </Button>
            ) : undefined
          }
        />
      ) : editable ? (
        <Alert type="info" showIcon className="page-alert" title={t('editor.draftInfo')} />
      ) : (
        <Alert type="info" showIcon className="page-alert" title={t('editor.readOnly')} />
      )}
      {editable ? <DraftEditor version={version} reload={reload} /> : <ReadOnlyVersion version={version} />}
      {version.basedOnVersionId && baseNumber !== null ? (
        <Card className="section" title={<h2 className="card-title">{t('editor.changesSinceBase', { version: baseNumber })}</h2>}>
          {editable ? <Typography.Paragraph className="muted small">{t('editor.changesSaved')}</Typography.Paragraph> : null}
          <DiffList setId={version.criteriaSetId} from={version.basedOnVersionId} to={version.id} fromNumber={baseNumber} toNumber={version.version} />
        </Card>
      ) : null}
      {amending ? (
        <AmendModal
          base={version}
          onClose={() => setAmending(false)}
          onCreated={(created) => {
            setAmending(false);
            navigate(`/phong-trao/${version.movementId}/tieu-chi/${created.id}`);
          }}
        />
      ) : null}
      {freezing ? <FreezeModal version={version} onClose={() => setFreezing(false)} /> : null}
    </>
  );
}

function ReadOnlyVersion({ version }: { version: CriteriaVersion }) {
  const t = useMovementStrings();
  return (
    <>
      <Card title={<h2 className="card-title">{t('editor.versionInfo')}</h2>}>
        <Typography.Paragraph>
          <strong>{t('criteria.legalBasis')}:</strong> {documentReference(t, version.legalBasis)} — {version.legalBasis.issuer}: {version.legalBasis.title}
        </Typography.Paragraph>
      </Card>
      <Card className="section" title={<h2 className="card-title">{t('criteria.tableTitle')}</h2>}>
        <CriteriaMatrix definition={version.definition} />
      </Card>
      <TryItPanel definition={version.definition} versionId={version.id} versionNumber={version.version} />
    </>
  );
}

function DraftEditor({ version, reload }: { version: CriteriaVersion; reload: () => Promise<CriteriaVersion | undefined> }) {
  const t = useMovementStrings();
  const tc = useT();
  const { message } = App.useApp();
  const save = useSaveVersion(version.id);
  const [baseline, setBaseline] = useState<CriteriaVersion>(version);
  const [draft, setDraft] = useState<Draft>(() => draftOf(version));
  const [errors, setErrors] = useState<Map<string, string[]>>(new Map());
  const [failure, setFailure] = useState<{ kind: 'conflict' | 'invalid' | 'other'; text: string } | null>(null);
  const dirty = useMemo(() => JSON.stringify(draft) !== JSON.stringify(draftOf(baseline)), [draft, baseline]);

  const reset = useCallback((next: CriteriaVersion) => {
    setBaseline(next);
    setDraft(draftOf(next));
    setErrors(new Map());
    setFailure(null);
  }, []);

  // A newer saved state (someone else's save seen on refetch) replaces the form only when nothing is being edited.
  useEffect(() => {
    if (version.rowVersion !== baseline.rowVersion && !dirty) reset(version);
  }, [version, baseline.rowVersion, dirty, reset]);

  // Leaving with unsaved changes asks first (in the app and when closing the tab).
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const clearError = useCallback((path: string) => {
    setErrors((prev) => {
      if (!prev.has(path)) return prev;
      const next = new Map(prev);
      next.delete(path);
      return next;
    });
  }, []);
  const setDefinition = useCallback(
    (update: (d: Definition) => Definition, path?: string) => {
      setDraft((prev) => ({ ...prev, definition: update(prev.definition) }));
      if (path) clearError(path);
      else setErrors(new Map());
    },
    [clearError],
  );

  const submit = () => {
    setFailure(null);
    save.mutate(
      { rowVersion: baseline.rowVersion, effectiveFrom: draft.effectiveFrom, legalBasis: draft.legalBasis, definition: draft.definition },
      {
        onSuccess: (saved) => {
          reset(saved);
          void message.success(t('editor.saved', { version: saved.version }));
        },
        onError: (error) => {
          if (isApiError(error, 409) && error.code !== 'version_frozen') return setFailure({ kind: 'conflict', text: t('editor.conflict') });
          if (isApiError(error) && error.details.length > 0) {
            const map = new Map<string, string[]>();
            for (const d of error.details) {
              const key = editorPath(d.path);
              map.set(key, [...(map.get(key) ?? []), d.message || error.message]);
            }
            setErrors(map);
            return setFailure({ kind: 'invalid', text: error.status === 400 ? t('editor.invalid', { count: error.details.length }) : error.message });
          }
          setFailure({ kind: 'other', text: error.message });
        },
      },
    );
  };

  const errorsOf = (path: string) => errors.get(path) ?? [];
  const fieldStatus = (path: string) => (errorsOf(path).length ? { validateStatus: 'error' as const, help: errorsOf(path).join('; ') } : {});
  const basis = draft.legalBasis;
  const setBasis = (key: keyof DocumentRef, value: string | null) => {
    setDraft((prev) => ({ ...prev, legalBasis: { ...prev.legalBasis, [key]: value } }));
    clearError(`legalBasis.${key}`);
  };

  return (
    <>
      <div className="editor-actions" role="region" aria-label={t('editor.save')}>
        <span className={dirty ? 'dirty-note' : 'muted'} aria-live="polite">
          {dirty ? t('editor.unsaved') : t('editor.noChanges')}
        </span>
        <Space wrap>
          <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} disabled={!dirty} onClick={submit}>
            {t('editor.save')}
          </Button>
        </Space>
      </div>
      {failure ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          className="page-alert"
          title={failure.text}
          description={
            failure.kind === 'invalid' && errors.size > 0 ? (
              <>
                <div>{t('editor.errorsTitle')}:</div>
                <ul className="error-list">
                  {[...errors].map(([path, messages]) => (
                    <li key={path}>
                      <strong>{path ? describeEditorPath(path, draft.definition, t, (l) => levelLabel(t, l)) : t('import.root')}</strong>: {messages.join('; ')}{' '}
                      {path ? <code>{path}</code> : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : undefined
          }
          action={
            failure.kind === 'conflict' ? (
              <Button
                size="small"
                onClick={() =>
                  void reload().then((fresh) => {
                    if (fresh) reset(fresh);
                  })
                }
              >
                {tc('common.reload')}
              </Button>
            ) : undefined
          }
        />
      ) : null}
      <Form layout="vertical" component="div">
        <Card title={<h2 className="card-title">{t('editor.versionInfo')}</h2>}>
          <div className="editor-grid">
            <Form.Item label={t('editor.effectiveFrom')} htmlFor="phien-ban-hieu-luc" {...fieldStatus('effectiveFrom')}>
              <DatePicker
                id="phien-ban-hieu-luc"
                format="DD/MM/YYYY"
                allowClear={false}
                value={dayjs(draft.effectiveFrom)}
                onChange={(d) => {
                  if (d) setDraft((prev) => ({ ...prev, effectiveFrom: d.format('YYYY-MM-DD') }));
                  clearError('effectiveFrom');
                }}
              />
            </Form.Item>
            <Form.Item label={t('amend.basisNumber')} htmlFor="can-cu-so" {...fieldStatus('legalBasis.number')}>
              <Input id="can-cu-so" value={basis.number} onChange={(e) => setBasis('number', e.target.value)} />
            </Form.Item>
            <Form.Item label={t('amend.basisDate')} htmlFor="can-cu-ngay" {...fieldStatus('legalBasis.date')}>
              <DatePicker
                id="can-cu-ngay"
                format="DD/MM/YYYY"
                value={basis.date ? dayjs(basis.date) : null}
                onChange={(d) => setBasis('date', d ? d.format('YYYY-MM-DD') : null)}
              />
            </Form.Item>
            <Form.Item label={t('amend.basisIssuer')} htmlFor="can-cu-co-quan" {...fieldStatus('legalBasis.issuer')}>
              <Input id="can-cu-co-quan" value={basis.issuer} onChange={(e) => setBasis('issuer', e.target.value)} />
            </Form.Item>
            <Form.Item label={t('amend.basisTitle')} htmlFor="can-cu-trich-yeu" className="span-all" {...fieldStatus('legalBasis.title')}>
              <Input.TextArea id="can-cu-trich-yeu" autoSize={{ minRows: 1, maxRows: 3 }} value={basis.title} onChange={(e) => setBasis('title', e.target.value)} />
            </Form.Item>
          </div>
        </Card>
        <CriteriaEditor definition={draft.definition} setDefinition={setDefinition} errors={errors} />
        <DataElementsEditor definition={draft.definition} setDefinition={setDefinition} errors={errors} />
        <BandsEditor definition={draft.definition} setDefinition={setDefinition} errors={errors} />
      </Form>
      <TryItPanel definition={draft.definition} versionNumber={version.version} title={t('editor.tryDraft')} />
      <Modal
        open={blocker.state === 'blocked'}
        title={t('editor.leaveConfirm')}
        okText={t('editor.leave')}
        cancelText={t('editor.stay')}
        okButtonProps={{ danger: true }}
        onOk={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      />
    </>
  );
}
