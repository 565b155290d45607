/**
 * One plain unit workbook (机电学院, all five forms) as editable parts, and the check that a
 * variant of it reads and checks exactly like it: the producer and variant tests share these.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { checkFile, type Submission } from '../../src/core/check';
import { readSubmission, type ReadResult } from '../../src/xlsx/read';
import { dump, formsXlsx, unitForms } from './formatFiles';

export type Parts = Record<string, string>;

let PLAIN: Parts | null = null;

/** A fresh copy of the plain package's parts, as text. */
export async function plainParts(): Promise<Parts> {
  if (!PLAIN) {
    const files = unzipSync(await formsXlsx(unitForms('机电学院')));
    PLAIN = Object.fromEntries(Object.entries(files).filter(([k]) => !k.endsWith('/')).map(([k, v]) => [k, strFromU8(v)]));
  }
  return { ...PLAIN };
}

export const zip = (p: Parts) => zipSync(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, strToU8(v)])));

export function ok(r: ReadResult) {
  if (!r.ok) throw new Error(r.detail);
  return r;
}

/** What the checker makes of a read: every finding and every normalised row. */
export function checked(name: string, r: ReadResult) {
  const sub: Submission = { file: name, sha256: 'x', size: 1, modified: null, read: r };
  const fc = checkFile(sub, 0, { asOf: '2024-11-20' });
  return {
    findings: [...fc.findings, ...fc.sheets.flatMap((s) => s.findings)].map((f) => `${f.rule} ${f.sheet ?? ''}!${f.cell ?? ''} ${f.message}`),
    rows: fc.sheets.map((s) => [s.form, s.rows.map((row) => row.values)]),
  };
}

/** `bytes`, read under `name`, gives the plain package's grid, no notes, and its findings and rows. */
export async function expectSameAsPlain(bytes: Uint8Array, name = '机电学院.xlsx') {
  const plain = ok(await readSubmission('机电学院.xlsx', zip(await plainParts())));
  const got = ok(await readSubmission(name, bytes));
  expect(dump(got.workbook)).toEqual(dump(plain.workbook));
  expect(got.workbook.notes).toBeUndefined();
  const want = checked('机电学院.xlsx', plain);
  expect(want.findings.length).toBeGreaterThan(0);
  expect(checked('机电学院.xlsx', got)).toEqual(want);
}
