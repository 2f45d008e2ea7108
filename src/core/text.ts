/** Text helpers shared by server and web: Unicode normalisation and Vietnamese accent folding. */

/** Normalises input to Unicode NFC (Vietnamese text arrives both composed and decomposed). */
export function normalizeText(value: string): string {
  return value.normalize('NFC');
}

/**
 * Folds Vietnamese text for accent- and case-insensitive search:
 * "HẢI DƯƠNG", "Hai Dương" and "hai duong" all become "hai duong".
 * đ/Đ is a separate letter, not a combining mark, so it is mapped explicitly.
 */
export function foldVietnamese(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Vietnamese ordering, exactly as `a.localeCompare(b, 'vi')` but with one collator for the process: `localeCompare`
 * with a locale looks the collator up on every call, which dominated sorting thousands of unit names.
 */
export const compareVietnamese: (a: string, b: string) => number = new Intl.Collator('vi').compare;
