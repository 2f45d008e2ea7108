import { describe, expect, it } from 'vitest';
import { foldVietnamese, normalizeText } from './text.js';

describe('foldVietnamese', () => {
  it('folds accents, case and đ', () => {
    expect(foldVietnamese('Tỉnh Hải Dương')).toBe('tinh hai duong');
    expect(foldVietnamese('HẢI DƯƠNG')).toBe('hai duong');
    expect(foldVietnamese('Hai Dương')).toBe('hai duong');
    expect(foldVietnamese('Phường Cẩm Thượng')).toBe('phuong cam thuong');
    expect(foldVietnamese('ĐẶC KHU Bạch Long Vĩ')).toBe('dac khu bach long vi');
  });
  it('treats decomposed and composed input alike', () => {
    const decomposed = 'Hải Dương'.normalize('NFD');
    expect(decomposed).not.toBe('Hải Dương');
    expect(normalizeText(decomposed)).toBe('Hải Dương');
    expect(foldVietnamese(decomposed)).toBe('hai duong');
  });
  it('collapses white space', () => {
    expect(foldVietnamese('  cam   thuong ')).toBe('cam thuong');
  });
});
