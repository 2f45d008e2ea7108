/** A CSV cell: text, a number, a boolean, or empty (null/undefined). */
export type CsvCell = string | number | boolean | null | undefined;

const BOM = '\uFEFF';

function quote(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'string' ? cell.normalize('NFC') : String(cell);
  // RFC 4180: a field with a comma, quote, CR or LF is quoted and its quotes doubled.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes RFC 4180 CSV: CRLF line ends, quoting only where needed, and (by default) a UTF-8 byte-order mark so Excel
 * shows Vietnamese correctly.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  const lines = [header, ...rows].map((row) => row.map(quote).join(','));
  return `${options.bom === false ? '' : BOM}${lines.join('\r\n')}\r\n`;
}
