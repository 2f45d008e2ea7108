import { useId, useState } from 'react';
import { Alert, App, Button, Modal, Table, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { isValidOn, todayInVietnam } from '../../../../src/core/dates';
import { isRole, roleHasPermission } from '../../../../src/core/permissions';
import { isApiError, type ApiErrorDetail } from '../../api/client';
import { useImportPackage } from '../../api/movements';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n/i18n';
import { useMovementStrings } from './strings';

const MAX_MB = 1;

/**
 * Whether the user may import packages: the server requires movement.manage over the whole tenant, which the
 * session's grants (from /api/auth/me) tell exactly: a grant without a unit, valid today, whose role has it.
 */
export function useCanImportPackages(): boolean {
  const me = useSession();
  const today = todayInVietnam();
  return me.grants.some((g) => g.unitId === null && isRole(g.role) && roleHasPermission(g.role, 'movement.manage') && isValidOn(g.validFrom, g.validTo, today));
}

type Failure = { message: string; details: ApiErrorDetail[] };

/** "body.criteriaSet.criteria[2].targets[0].threshold" → "criteriaSet.criteria[2].targets[0].threshold" */
function shortPath(path: string, root: string): string {
  const stripped = path.replace(/^body\.?/, '');
  return stripped === '' ? root : stripped;
}

export function ImportPackageButton() {
  const t = useMovementStrings();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {t('import.button')}
      </Button>
      {open ? <ImportPackageModal onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ImportPackageModal({ onClose }: { onClose: () => void }) {
  const t = useMovementStrings();
  const tc = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const inputId = useId();
  const importPackage = useImportPackage();
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [reading, setReading] = useState(false);

  const submit = async () => {
    if (!file) return;
    setFailure(null);
    if (file.size > MAX_MB * 1024 * 1024) return setFailure({ message: t('import.tooBig', { max: MAX_MB }), details: [] });
    setReading(true);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (error) {
      setReading(false);
      return setFailure({ message: t('import.notJson', { message: error instanceof Error ? error.message : String(error) }), details: [] });
    }
    setReading(false);
    importPackage.mutate(parsed, {
      onSuccess: (result) => {
        void message.success(t('import.done'));
        onClose();
        navigate(`/phong-trao/${result.movementId}`);
      },
      onError: (error) => {
        if (isApiError(error)) setFailure({ message: error.message, details: error.details });
        else setFailure({ message: error instanceof Error ? error.message : String(error), details: [] });
      },
    });
  };

  return (
    <Modal
      open
      width={820}
      title={t('import.title')}
      onCancel={onClose}
      okText={t('import.submit')}
      cancelText={tc('common.cancel')}
      okButtonProps={{ disabled: !file, loading: reading || importPackage.isPending }}
      onOk={() => void submit()}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('import.intro')}</Typography.Paragraph>
      <label htmlFor={inputId} className="field-label">
        {t('import.file')}
      </label>
      <input
        id={inputId}
        type="file"
        accept=".json,application/json"
        className="file-input"
        onChange={(event) => {
          setFailure(null);
          setFile(event.target.files?.[0] ?? null);
        }}
      />
      {file ? <Typography.Paragraph className="muted">{t('import.chosen', { name: file.name, size: Math.ceil(file.size / 1024) })}</Typography.Paragraph> : null}
      {failure ? (
        <div role="alert">
          <Alert
            type="error"
            showIcon
            title={failure.message}
            description={failure.details.length > 0 ? t('import.errorCount', { count: failure.details.length }) : undefined}
            className="form-alert"
          />
          {failure.details.length > 0 ? (
            // Scrolls when long: focusable so that keyboard users can scroll it too.
            <div className="import-errors" tabIndex={0} role="region" aria-label={t('import.errorCount', { count: failure.details.length })}>
              <Table
                size="small"
                rowKey={(_, i) => String(i)}
                pagination={failure.details.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                dataSource={failure.details}
                columns={[
                  { title: t('import.path'), dataIndex: 'path', render: (path: string) => <code className="mono">{shortPath(path, t('import.root'))}</code>, width: '45%' },
                  { title: t('import.message'), dataIndex: 'message', render: (text: string) => text || failure.message },
                ]}
              />
            </div>
          ) : null}
        </div>
      ) : null}
    </Modal>
  );
}
