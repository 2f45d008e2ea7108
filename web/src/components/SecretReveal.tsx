import { useId, useRef, useState } from 'react';
import { Alert, Button, Input, Space } from 'antd';
import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { useT } from '../i18n/i18n';

/** Copies text; falls back to a selected field on plain-HTTP intranets where the Clipboard API is missing. */
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through
  }
  if (!input) return false;
  input.select();
  return document.execCommand('copy');
}

/** A secret shown once (temporary password, API token) with a copy button. */
export function SecretReveal({ label, value, warning }: { label: string; value: string; warning: string }) {
  const t = useT();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="secret-reveal">
      <Alert type="warning" showIcon title={warning} className="form-alert" />
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <Space.Compact className="secret-row">
        <Input
          id={id}
          ref={(el) => {
            inputRef.current = el?.input ?? null;
          }}
          value={value}
          readOnly
          className="secret-value"
          onFocus={(e) => e.target.select()}
        />
        <Button icon={copied ? <CheckOutlined /> : <CopyOutlined />} onClick={() => void copyText(value, inputRef.current).then(setCopied)}>
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      </Space.Compact>
      <span className="visually-hidden" aria-live="polite">
        {copied ? t('common.copied') : ''}
      </span>
    </div>
  );
}
