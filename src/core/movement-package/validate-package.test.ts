import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MovementPackage } from './movement-package.schemas';
import { formatPath, parseMovementPackage, parseMovementPackageJson, serializeMovementPackage, type PackageError } from './validate-package';

const fileText = readFileSync(new URL('../../../packages/kh-3125-2021.json', import.meta.url), 'utf8');

/** A fresh, mutable copy of the shipped package as plain JSON. */
function base(): MovementPackage {
  return JSON.parse(fileText) as MovementPackage;
}

type Container = Record<string | number, unknown>;

function splitPath(path: string): (string | number)[] {
  return [...path.matchAll(/[^.[\]]+/g)].map((m) => (/^\d+$/.test(m[0]) ? Number(m[0]) : m[0]));
}

function parentOf(root: unknown, keys: readonly (string | number)[]): Container {
  let node = root as Container;
  for (const key of keys.slice(0, -1)) node = node[key] as Container;
  return node;
}

/** Sets a value at a dotted path ("criteriaSet.criteria[2].points"), including values the types forbid. */
function setAt(root: unknown, path: string, value: unknown): void {
  const keys = splitPath(path);
  parentOf(root, keys)[keys[keys.length - 1]!] = value;
}

function removeAt(root: unknown, path: string): void {
  const keys = splitPath(path);
  delete parentOf(root, keys)[keys[keys.length - 1]!];
}

function errorsOf(input: unknown): PackageError[] {
  const result = parseMovementPackage(input);
  return result.ok ? [] : result.errors;
}

function pathsOf(input: unknown): string[] {
  return errorsOf(input).map((e) => e.path);
}

describe('parseMovementPackage: structure errors with paths and Vietnamese messages', () => {
  it('accepts the shipped package', () => {
    expect(errorsOf(base())).toEqual([]);
  });

  it('names a missing field', () => {
    const pkg = base();
    removeAt(pkg, 'movement.issuingDocument.date');
    expect(errorsOf(pkg)).toEqual([{ path: 'movement.issuingDocument.date', message: 'Thiếu trường bắt buộc' }]);
  });

  it('names a bad threshold deep in the criteria set', () => {
    const pkg = base();
    setAt(pkg, 'criteriaSet.criteria[2].targets[0].threshold', 'một trăm');
    expect(errorsOf(pkg)).toEqual([{ path: 'criteriaSet.criteria[2].targets[0].threshold', message: 'Phải là số thập phân, dấu chấm ngăn cách (ví dụ 90 hoặc 59.99)' }]);
  });

  it('rejects a numeric threshold (decimals travel as strings)', () => {
    const pkg = base();
    setAt(pkg, 'criteriaSet.criteria[0].targets[1].threshold', 80);
    expect(errorsOf(pkg)).toEqual([{ path: 'criteriaSet.criteria[0].targets[1].threshold', message: 'Sai kiểu dữ liệu: cần chuỗi ký tự, nhận được số' }]);
  });

  it('names each unknown key (strict objects catch typos)', () => {
    const pkg = base();
    setAt(pkg, 'phases[0].ten', 'x');
    setAt(pkg, 'extra', 1);
    expect(pathsOf(pkg).sort()).toEqual(['extra', 'phases[0].ten']);
  });

  it('rejects impossible dates and wrong enum values', () => {
    const pkg = base();
    setAt(pkg, 'milestones[1].deadline', '2021-02-30');
    setAt(pkg, 'milestones[1].obligation', 'celebrate');
    setAt(pkg, 'roles[0].role', 'boss');
    const errors = errorsOf(pkg);
    expect(errors.map((e) => e.path)).toEqual(['roles[0].role', 'milestones[1].deadline', 'milestones[1].obligation']);
    expect(errors[1]?.message).toBe('Ngày không có thật trên lịch (ví dụ 2021-02-30)');
    expect(errors[2]?.message).toMatch(/^Giá trị không hợp lệ: phải là một trong "launch"/);
  });

  it('rejects another format version and an unknown criterion kind', () => {
    const pkg = base();
    setAt(pkg, 'formatVersion', 2);
    setAt(pkg, 'criteriaSet.criteria[0].kind', 'ranking');
    const errors = errorsOf(pkg);
    expect(errors.map((e) => e.path)).toEqual(['formatVersion', 'criteriaSet.criteria[0].kind']);
    expect(errors[0]?.message).toBe('Giá trị không hợp lệ: phải là 1');
  });

  it('lists every error, not only the first', () => {
    const pkg = base();
    setAt(pkg, 'movement.name', '');
    setAt(pkg, 'phases[1].to', 2030);
    setAt(pkg, 'awardForms[0].level', 'galaxy');
    removeAt(pkg, 'responsibilities[0].tasks');
    expect(pathsOf(pkg)).toEqual(['movement.name', 'phases[1].to', 'awardForms[0].level', 'responsibilities[0].tasks']);
  });

  it('rejects values that are not a package at all', () => {
    for (const input of [null, undefined, 42, 'cds', [], {}]) {
      const result = parseMovementPackage(input);
      expect(result.ok).toBe(false);
    }
    expect(errorsOf(null)).toEqual([{ path: '', message: 'Sai kiểu dữ liệu: cần đối tượng, nhận được null' }]);
  });
});

describe('parseMovementPackage: cross-field rules', () => {
  it('catches duplicate codes everywhere, at the later occurrence', () => {
    const pkg = base();
    pkg.phases[1]!.code = pkg.phases[0]!.code;
    pkg.milestones[3]!.code = pkg.milestones[2]!.code;
    pkg.contentAreas[7]!.code = pkg.contentAreas[0]!.code;
    pkg.prioritySectors[8]!.code = pkg.prioritySectors[0]!.code;
    pkg.awardForms[2]!.code = pkg.awardForms[1]!.code;
    pkg.participantKinds[8]!.kind = pkg.participantKinds[0]!.kind;
    pkg.criteriaSet.criteria[1]!.code = pkg.criteriaSet.criteria[0]!.code;
    pkg.criteriaSet.dataElements[1]!.code = pkg.criteriaSet.dataElements[0]!.code;
    pkg.criteriaSet.bands[1]!.code = pkg.criteriaSet.bands[0]!.code;
    const paths = pathsOf(pkg);
    for (const p of [
      'phases[1].code',
      'milestones[3].code',
      'contentAreas[7].code',
      'prioritySectors[8].code',
      'awardForms[2].code',
      'participantKinds[8].kind',
      'criteriaSet.criteria[1].code',
      'criteriaSet.dataElements[1].code',
      'criteriaSet.bands[1].code',
    ]) {
      expect(paths).toContain(p);
    }
    expect(errorsOf(pkg).find((e) => e.path === 'phases[1].code')?.message).toBe('Mã giai đoạn "giai_doan_1" bị trùng với phases[0].code');
  });

  it('requires milestones to name an existing phase and fall inside it', () => {
    const pkg = base();
    pkg.milestones[0]!.phase = 'giai_doan_3';
    pkg.milestones[1]!.deadline = '2026-03-31';
    expect(errorsOf(pkg)).toEqual([
      { path: 'milestones[0].phase', message: 'Giai đoạn "giai_doan_3" không có trong phases' },
      { path: 'milestones[1].deadline', message: 'Hạn 2026-03-31 nằm ngoài giai đoạn giai_doan_1 (2021-01-01 – 2025-12-31)' },
    ]);
  });

  it('requires phases to be ordered and not to overlap', () => {
    const pkg = base();
    pkg.phases[0]!.to = '2020-12-31';
    pkg.phases[1]!.from = '2020-06-01';
    const paths = pathsOf(pkg);
    expect(paths).toContain('phases[0].to');
    expect(paths).toContain('phases[1].from');
  });

  it('requires milestone kinds to be participating kinds', () => {
    const pkg = base();
    pkg.participantKinds = pkg.participantKinds.filter((k) => k.kind !== 'university');
    expect(pathsOf(pkg)).toEqual(['milestones[10].appliesTo[6]', 'milestones[11].appliesTo[6]', 'milestones[12].appliesTo[6]', 'milestones[13].appliesTo[6]']);
  });

  it('requires criteria to reference existing content areas and data elements', () => {
    const pkg = base();
    pkg.criteriaSet.criteria[3]!.contentArea = 'khong_co';
    const first = pkg.criteriaSet.criteria[0]!;
    if (first.kind === 'ratio') first.numerator = '#{records_onlin}';
    const paths = pathsOf(pkg);
    expect(paths).toContain('criteriaSet.criteria[3].contentArea');
    expect(paths).toContain('criteriaSet.criteria[0].numerator');
  });

  it('requires the criteria set content areas to agree with the movement', () => {
    const pkg = base();
    pkg.criteriaSet.contentAreas[2]!.title = 'Chính quyền số (khác)';
    pkg.criteriaSet.contentAreas[3]!.order = 99;
    expect(pathsOf(pkg)).toEqual(['criteriaSet.contentAreas[2].title', 'criteriaSet.contentAreas[3].order']);
  });

  it('requires criterion levels to be levels of some participating kind', () => {
    const pkg = base();
    pkg.participantKinds = pkg.participantKinds.filter((k) => k.kind !== 'individual');
    expect(pathsOf(pkg)).toEqual(['criteriaSet.criteria[5].levels[0]']);
  });

  it('rejects a role held by two units at once, and an empty validity period', () => {
    const pkg = base();
    pkg.roles[1]!.validFrom = '2025-01-01';
    pkg.roles[2]!.validTo = '2021-08-25';
    expect(pathsOf(pkg)).toEqual(['roles[2].validTo', 'roles[1].validFrom']);
  });

  it('still runs cross-field rules on valid sections when another section is broken', () => {
    const pkg = base();
    setAt(pkg, 'movement.code', 'CDS 2021');
    setAt(pkg, 'phases[1].code', 'giai_doan_1');
    // The renamed phase leaves the 2030 review without its phase; milestones of the ambiguous code are not judged.
    expect(pathsOf(pkg)).toEqual(['movement.code', 'phases[1].code', 'milestones[15].phase']);
  });
});

describe('parseMovementPackageJson', () => {
  it('reports malformed JSON at the root', () => {
    const result = parseMovementPackageJson('{"formatVersion": 1,');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ path: '' });
    if (!result.ok) expect(result.errors[0]?.message).toMatch(/^Tệp không phải JSON hợp lệ/);
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(parseMovementPackageJson(`\uFEFF${fileText}`).ok).toBe(true);
  });
});

describe('serializeMovementPackage', () => {
  it('round-trips byte for byte: export → import → export', () => {
    const first = serializeMovementPackage(base());
    const reimported = parseMovementPackageJson(first);
    expect(reimported.ok).toBe(true);
    if (reimported.ok) expect(serializeMovementPackage(reimported.value)).toBe(first);
  });

  it('writes keys in schema order whatever the input order, with 2-space indentation', () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const shuffled = reverseKeys(base()) as MovementPackage;
    expect(Object.keys(shuffled)[0]).toBe('responsibilities');
    const text = serializeMovementPackage(shuffled);
    expect(text).toBe(fileText);
    expect(text.startsWith('{\n  "formatVersion": 1,\n  "movement": {\n    "code": "cds-2021-2025",')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });
});

describe('formatPath', () => {
  it('writes dotted paths with indexes', () => {
    expect(formatPath(['criteriaSet', 'criteria', 2, 'targets', 0, 'threshold'])).toBe('criteriaSet.criteria[2].targets[0].threshold');
    expect(formatPath([])).toBe('');
    expect(formatPath(['a b', 'c'])).toBe('["a b"].c');
  });
});

describe('parseMovementPackage never throws', () => {
  const expectRejected = (input: unknown) => {
    const result = parseMovementPackage(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.length).toBeGreaterThan(0);
      for (const e of result.errors) {
        expect(typeof e.path).toBe('string');
        expect(e.message.length).toBeGreaterThan(0);
      }
    }
  };

  it('rejects random JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), expectRejected), { numRuns: 500 });
  });

  it('rejects random JavaScript values', () => {
    fc.assert(fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }), expectRejected), {
      numRuns: 300,
    });
  });

  it('survives random edits of the shipped package', () => {
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(base(), []);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: paths.length - 1 }), fc.option(fc.jsonValue({ maxDepth: 2 })), (index, replacement) => {
        const pkg = base();
        const path = paths[index]!;
        const parent = parentOf(pkg, path);
        const last = path[path.length - 1]!;
        if (replacement === null) delete parent[last];
        else parent[last] = replacement;
        // Either still valid (e.g. the same value, or an optional field dropped) or rejected with paths.
        const result = parseMovementPackage(pkg);
        if (!result.ok) for (const e of result.errors) expect(typeof e.path).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('survives hostile objects', () => {
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error('boom');
        },
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    const getter = Object.defineProperty({ formatVersion: 1 }, 'movement', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expectRejected(throwing);
    expectRejected(getter);
    const cyclic: Container = { formatVersion: 1 };
    cyclic.movement = cyclic;
    expectRejected(cyclic);
  });
});

describe('parseMovementPackage in English', () => {
  const errorsInEnglish = (input: unknown): PackageError[] => {
    const result = parseMovementPackage(input, 'en');
    return result.ok ? [] : result.errors;
  };

  it('words structure, date, cross-field and criteria-set problems in the caller’s language, at the same paths', () => {
    const pkg = base();
    removeAt(pkg, 'movement.issuingDocument.date');
    setAt(pkg, 'milestones[1].deadline', '2021-02-30');
    pkg.phases[1]!.code = pkg.phases[0]!.code;
    setAt(pkg, 'criteriaSet.criteria[2].targets[0].threshold', 'một trăm');
    const english = errorsInEnglish(pkg);
    expect(english.map((e) => e.path)).toEqual(errorsOf(pkg).map((e) => e.path));
    const byPath = new Map(english.map((e) => [e.path, e.message]));
    expect(byPath.get('movement.issuingDocument.date')).toMatch(/^Invalid input/);
    expect(byPath.get('milestones[1].deadline')).toBe('No such day in the calendar (e.g. 2021-02-30)');
    expect(byPath.get('phases[1].code')).toBe('Phase code "giai_doan_1" repeats phases[0].code');
    expect(byPath.get('criteriaSet.criteria[2].targets[0].threshold')).toBe('Must be a decimal number with a point as separator (e.g. 90 or 59.99)');

    const crossField = base();
    crossField.milestones[0]!.phase = 'giai_doan_3';
    crossField.milestones[1]!.deadline = '2026-03-31';
    expect(errorsInEnglish(crossField)).toEqual([
      { path: 'milestones[0].phase', message: 'Phase "giai_doan_3" is not in phases' },
      { path: 'milestones[1].deadline', message: 'Deadline 2026-03-31 is outside phase giai_doan_1 (2021-01-01 – 2025-12-31)' },
    ]);
  });

  it('words malformed JSON in English', () => {
    const result = parseMovementPackageJson('{"formatVersion": 1,', 'en');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.message).toMatch(/^The file is not valid JSON: /);
  });
});
