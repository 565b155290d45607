/** The consolidated result of checking a batch: what the JSON report and the sheets show. */
import type { Finding } from './findings';
import type { FormId } from './forms/ids';
import type { RowValue } from './rules/cells';
import type { TableOrigin } from './sheet/locate';
import type { Roster } from './units';

export type FileStatus = 'accepted' | 'rejected' | 'replaced' | 'duplicate';

export interface SheetRecord {
  sheet: string;
  form: FormId | null;
  rows: number;
  /** The sheet says `无`: nothing of this kind to file. */
  nothingToFile?: boolean;
  /** Rows of this sheet were replaced by a newer file. */
  replaced?: boolean;
  /** 无 said in a written statement (情况说明), not on a form: any form of the unit's wins over it. */
  statement?: boolean;
}

export interface FileRecord {
  file: string;
  unit: string | null;
  status: FileStatus;
  sha256: string;
  size: number;
  modified: string | null;
  sheets: SheetRecord[];
  encoding?: string;
  /** The file holds several units' rows, told apart by this column (填报单位 for a split by sheet): this record is `unit`'s part. */
  byColumn?: string;
}

/** One data row of one unit, normalised, with where it came from. */
export interface ConsolidatedRow {
  unit: string;
  file: string;
  sheet: string;
  /** 0-based sheet row. */
  row: number;
  values: Record<string, RowValue>;
  extras: Record<string, string>;
  /** Column letter of each template column, shared by the sheet's rows (rules/cells.ts cellOf). */
  letters: Record<string, string>;
  /** Phones (digits) of the row's owner. */
  phones: string[];
}

export interface UnitSummary {
  unit: string;
  category: string | null;
  inRoster: boolean;
  /** Rows per submitted form (0 for a `无` sheet). */
  forms: Partial<Record<FormId, number>>;
  missingForms: FormId[];
  lateForms: FormId[];
  errors: number;
  warnings: number;
  infos: number;
  files: string[];
  accounts: number;
  followers: number;
  groups: number;
  sites: number;
  signer: { head: string | null; filler: string | null; fillerPhone: string | null };
}

export interface CheckResult {
  asOf: string;
  deadline: string | null;
  files: FileRecord[];
  findings: Finding[];
  units: UnitSummary[];
  tables: Record<FormId, ConsolidatedRow[]>;
  roster: Roster | null;
  /** The Word tables among the sheets, by `file \u0000 sheet`: where their findings sit in the grid. */
  wordTables?: Record<string, TableOrigin>;
}
