import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a BOM, ends lines with CRLF and keeps Vietnamese as NFC', () => {
    const csv = toCsv(['Đơn vị', 'Điểm'], [['Xã Đông Thử'.normalize('NFD'), 80]]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFFĐơn vị,Điểm\r\nXã Đông Thử,80\r\n');
  });

  it('quotes commas, quotes and line breaks, and leaves empty cells empty', () => {
    const csv = toCsv(['a', 'b', 'c', 'd'], [['x, y', 'say "hi"', 'line1\nline2', null]], { bom: false });
    expect(csv).toBe('a,b,c,d\r\n"x, y","say ""hi""","line1\nline2",\r\n');
  });

  it('writes booleans and numbers as text', () => {
    expect(toCsv(['v'], [[true], [0], [undefined]], { bom: false })).toBe('v\r\ntrue\r\n0\r\n\r\n');
  });
});
