import { Button, DatePicker } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useId } from 'react';
import { useT } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format';
import { useAsOf } from './use-as-of';

/** Dates that matter in this province's history: mid-2023 (old tree) and the eve of the 01/07/2025 merger. */
const QUICK_DATES = ['2023-06-30', '2025-06-30'];

/** "Xem theo ngày": the date every organisation view is computed for. */
export function AsOfBar() {
  const t = useT();
  const id = useId();
  const { asOf, today, setAsOf } = useAsOf();
  return (
    <div className="as-of-bar" role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={`${id}-date`} className="as-of-label">
        <CalendarOutlined aria-hidden /> {t('asOf.label')}
      </label>
      <DatePicker
        id={`${id}-date`}
        value={dayjs(asOf)}
        format="DD/MM/YYYY"
        allowClear={false}
        onChange={(value) => value && setAsOf(value.format('YYYY-MM-DD'))}
        className="as-of-picker"
      />
      <span className="as-of-quick" role="group" aria-label={t('asOf.quick')}>
        {QUICK_DATES.map((date) => (
          <Button key={date} size="small" aria-pressed={asOf === date} type={asOf === date ? 'primary' : 'default'} onClick={() => setAsOf(date)}>
            {formatDate(date)}
          </Button>
        ))}
        <Button size="small" aria-pressed={asOf === today} type={asOf === today ? 'primary' : 'default'} onClick={() => setAsOf(today)}>
          {t('asOf.today')}
        </Button>
      </span>
    </div>
  );
}
