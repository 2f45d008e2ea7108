import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareVietnamese, foldVietnamese, normalizeText } from './text.js';

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

describe('compareVietnamese', () => {
  it('orders Vietnamese names alphabetically (Ă, Â after A; Đ after D; tones after the base letter)', () => {
    const names = ['Xã Đồng Lạc', 'Xã Ân Thi', 'Xã An Lâm', 'Xã Dân Chủ', 'Xã Ăn Uống', 'Xã Bình Giang', 'Xã Á Đông'];
    expect([...names].sort(compareVietnamese)).toEqual(['Xã Á Đông', 'Xã An Lâm', 'Xã Ăn Uống', 'Xã Ân Thi', 'Xã Bình Giang', 'Xã Dân Chủ', 'Xã Đồng Lạc']);
  });
  it("agrees with localeCompare(…, 'vi') on any pair", () => {
    const letters = fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậéèẻẽẹ 0123456789'.split(''));
    const name = fc.array(letters, { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(fc.property(name, name, (a, b) => Math.sign(compareVietnamese(a, b)) === Math.sign(a.localeCompare(b, 'vi'))));
  });
});
