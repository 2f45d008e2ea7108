import { useState, type ReactNode } from 'react';
import { App, Button, DatePicker, Input, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { formatDate } from '../../i18n/format';
import type { ReportFormCriterion, useReportMutations } from '../../api/reports';
import { useReportStrings } from './strings';

type Mutations = ReturnType<typeof useReportMutations>;

/** One criterion: target, its evidence (with the file's SHA-256), a document-reference form and a file upload. */
export function EvidencePanel({
  criterion,
  editable,
  mutations,
  reviewField,
}: {
  criterion: ReportFormCriterion;
  editable: boolean;
  mutations: Mutations;
  reviewField: ReactNode;
}) {
  const rt = useReportStrings();
  const { message } = App.useApp();
  const [doc, setDoc] = useState({ documentNumber: '', issuer: '', summary: '' });
  const [date, setDate] = useState<Dayjs | null>(null);
  const id = (name: string) => `ev-${criterion.code}-${name}`;

  function addDocument() {
    if (!date) return;
    mutations.addDocument.mutate(
      { criterionCode: criterion.code, ...doc, documentDate: date.format('YYYY-MM-DD') },
      { onSuccess: () => setDoc({ documentNumber: '', issuer: '', summary: '' }), onError: (e) => message.error(e.message) },
    );
  }

  return (
    <div className="report-evidence">
      <Typography.Text strong>
        {criterion.code} · {criterion.title}
      </Typography.Text>
      <div>
        {criterion.target ? <Typography.Text type="secondary">{rt('form.target', { target: criterion.target })} · </Typography.Text> : null}
        <Typography.Text type="secondary">{rt('form.evidenceRequired', { requirement: criterion.evidenceRequirement })}</Typography.Text>
      </div>
      {criterion.help ? (
        <Typography.Text type="secondary" className="report-help">
          {criterion.help}
        </Typography.Text>
      ) : null}
      {criterion.returnComment ? (
        <Typography.Text type="danger" strong role="note" className="report-help">
          {rt('form.fieldReturn', { comment: criterion.returnComment })}
        </Typography.Text>
      ) : null}
      <ul aria-label={`${rt('form.evidence')}: ${criterion.code}`}>
        {criterion.evidence.length === 0 ? <li>{rt('form.noEvidence')}</li> : null}
        {criterion.evidence.map((e) => (
          <li key={e.id}>
            {e.documentNumber ? `${e.documentNumber} (${formatDate(e.documentDate)}) ${e.issuer ?? ''}: ${e.summary ?? ''}` : null}
            {e.file ? (
              <>
                {' '}
                <a href={e.file.downloadUrl}>{e.file.name}</a> ({Math.ceil(e.file.size / 1024)} KB) <span className="report-sha">{rt('form.sha256', { hash: e.file.sha256 })}</span>
              </>
            ) : null}{' '}
            {editable ? (
              <Button size="small" type="link" danger onClick={() => mutations.removeEvidence.mutate(e.id)}>
                {rt('form.remove')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {editable && criterion.evidenceRequirement !== 'none' ? (
        <Space wrap align="end">
          <Space direction="vertical" size={2}>
            <label htmlFor={id('number')}>{rt('form.docNumber')}</label>
            <Input id={id('number')} value={doc.documentNumber} onChange={(e) => setDoc({ ...doc, documentNumber: e.target.value })} />
          </Space>
          <Space direction="vertical" size={2}>
            <label htmlFor={id('date')}>{rt('form.docDate')}</label>
            <DatePicker id={id('date')} format="DD/MM/YYYY" value={date} onChange={setDate} />
          </Space>
          <Space direction="vertical" size={2}>
            <label htmlFor={id('issuer')}>{rt('form.docIssuer')}</label>
            <Input id={id('issuer')} value={doc.issuer} onChange={(e) => setDoc({ ...doc, issuer: e.target.value })} />
          </Space>
          <Space direction="vertical" size={2}>
            <label htmlFor={id('summary')}>{rt('form.docSummary')}</label>
            <Input id={id('summary')} value={doc.summary} onChange={(e) => setDoc({ ...doc, summary: e.target.value })} />
          </Space>
          <Button onClick={addDocument} loading={mutations.addDocument.isPending} disabled={!date || !doc.documentNumber.trim() || !doc.issuer.trim() || !doc.summary.trim()}>
            {rt('form.addDocument')}
          </Button>
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              mutations.uploadFile.mutate(
                { criterionCode: criterion.code, file },
                { onSuccess: (e) => message.success(rt('form.uploaded', { name: e.file?.name ?? '' })), onError: (e) => message.error(e.message) },
              );
              return false;
            }}
          >
            <Button icon={<UploadOutlined aria-hidden />} aria-label={rt('form.uploadFile', { criterion: criterion.code })}>
              {rt('form.uploadFile', { criterion: criterion.code })}
            </Button>
          </Upload>
        </Space>
      ) : null}
      {reviewField}
    </div>
  );
}
