/** The `--json` report (DOMAIN §5.1). Field order does not matter; extra fields are allowed. */
import type { Finding } from '../findings';
import type { CheckResult, FileRecord, UnitSummary } from '../model';

export interface JsonReport {
  asOf: string;
  files: (Pick<FileRecord, 'file' | 'unit' | 'status' | 'sha256' | 'size' | 'sheets'> & { encoding?: string; byColumn?: string })[];
  findings: Finding[];
  units: (Pick<UnitSummary, 'unit' | 'category' | 'forms' | 'missingForms' | 'lateForms' | 'errors' | 'warnings' | 'infos' | 'files'>)[];
  ranking?: unknown[];
  /** `run`: the rectification items' stable keys and statuses (an extra field). */
  rectification?: { key: string; unit: string; status: string }[];
}

export function toJsonReport(r: CheckResult, ranking?: unknown[]): JsonReport {
  const report: JsonReport = {
    asOf: r.asOf,
    files: r.files.map((f) => ({ file: f.file, unit: f.unit, status: f.status, sha256: f.sha256, size: f.size, sheets: f.sheets, ...(f.encoding ? { encoding: f.encoding } : {}), ...(f.byColumn ? { byColumn: f.byColumn } : {}) })),
    findings: r.findings,
    units: r.units.map((u) => ({ unit: u.unit, category: u.category, forms: u.forms, missingForms: u.missingForms, lateForms: u.lateForms, errors: u.errors, warnings: u.warnings, infos: u.infos, files: u.files })),
  };
  if (ranking) report.ranking = ranking;
  return report;
}
