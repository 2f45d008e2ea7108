import { useState } from 'react';
import { Alert, Card, Progress, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '../../auth/session';
import { getImportJob, startImport, templateUrl, type ImportJob } from '../../api/reports';
import { useReportStrings } from './strings';

type ImportError = ImportJob['errors'][number];

/** Template download and import: every error with sheet, row, column and message; progress while it runs. */
export function ExcelPanel({ periodId, unitId }: { periodId: string; unitId?: string }) {
  const rt = useReportStrings();
  const me = useSession();
  const queryClient = useQueryClient();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function run(file: File) {
    setFailure(null);
    try {
      let current = await startImport(periodId, file, me.csrfToken);
      setJob(current);
      while (current.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 700));
        current = await getImportJob(current.id);
        setJob(current);
      }
      await queryClient.invalidateQueries({ queryKey: ['reports'] });
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <Card>
      <Space direction="vertical" style={{ width: '100%' }}>
        <a href={templateUrl(periodId, unitId)} download>
          {rt('excel.template')}
        </a>
        <Upload.Dragger
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void run(file);
            return false;
          }}
        >
          <UploadOutlined aria-hidden /> {rt('excel.import')}
        </Upload.Dragger>
        {failure ? <Alert type="error" role="alert" showIcon title={failure} /> : null}
        {job ? (
          <>
            <Progress
              percent={job.total ? Math.round((job.processed / job.total) * 100) : job.status === 'running' ? 0 : 100}
              status={job.status === 'failed' ? 'exception' : job.status === 'succeeded' ? 'success' : 'active'}
              aria-label={rt('excel.progress', { processed: job.processed, total: job.total })}
            />
            <Typography.Text>{rt('excel.progress', { processed: job.processed, total: job.total })}</Typography.Text>
            {job.status === 'succeeded' ? <Alert type="success" showIcon title={rt('excel.succeeded', { imported: job.imported })} /> : null}
            {job.status === 'failed' ? <Alert type="error" role="alert" showIcon title={rt('excel.failed', { count: job.errorCount })} /> : null}
            {job.errors.length > 0 ? (
              <Table<ImportError>
                rowKey={(e) => `${e.sheet}-${e.row}-${e.column}-${e.message}`}
                size="small"
                dataSource={job.errors}
                pagination={{ pageSize: 100, hideOnSinglePage: true }}
                columns={[
                  { title: rt('excel.sheet'), dataIndex: 'sheet' },
                  { title: rt('excel.row'), dataIndex: 'row' },
                  { title: rt('excel.column'), dataIndex: 'column' },
                  { title: rt('excel.message'), dataIndex: 'message' },
                ]}
              />
            ) : null}
          </>
        ) : null}
      </Space>
    </Card>
  );
}
