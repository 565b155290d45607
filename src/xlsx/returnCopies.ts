/**
 * Return copies for every unit with errors or warnings, the same for the CLI (files in a folder)
 * and the pane (one zip): an .xlsx is marked in its own package, anything else comes back as an
 * .xlsx in the template layout holding its data.
 */
import type { CheckResult } from '../core/model';
import { returnCopies, type ReturnCopy, type ReturnOptions } from '../core/report/returnCopy';
import { returnCopyLayout } from '../core/report/returnCopyLayout';
import { readSubmission } from './read';
import { markedXlsx } from './returnCopy';
import { type NamedFile, zipFiles } from './unitTemplates';
import { renderWorkbook } from './write';

export interface ReturnBuildOptions extends ReturnOptions {
  /** School name for titles of copies rebuilt in the template layout. */
  school?: string;
}

function isZipXlsx(file: string, bytes: Uint8Array): boolean {
  return /\.xls[xm]$/i.test(file) && bytes[0] === 0x50 && bytes[1] === 0x4b;
}

/**
 * One unit file's return copy, with the copy's items as placed in it (a rebuilt copy moves
 * cells into the template layout).
 */
export async function returnCopyFile(copy: ReturnCopy, bytes: Uint8Array, opts: ReturnBuildOptions = {}): Promise<{ bytes: Uint8Array; copy: ReturnCopy }> {
  if (isZipXlsx(copy.file, bytes)) {
    try {
      return { bytes: markedXlsx(bytes, copy), copy };
    } catch {
      // A package we cannot edit safely comes back rebuilt in the template layout instead.
    }
  }
  const read = await readSubmission(copy.file.replace(/^.*[\\/]/, ''), bytes);
  if (!read.ok) throw new Error(read.detail);
  const layout = returnCopyLayout(read.workbook, copy, opts.school);
  return { bytes: await renderWorkbook(layout.model), copy: layout.copy };
}

/**
 * Every return copy of a checked batch. `load` gives a file's bytes by its recorded path (null
 * when it is gone); a file that cannot be copied is reported in `failed`, never thrown.
 */
export async function buildReturnCopies(
  result: CheckResult,
  load: (file: string) => Promise<Uint8Array | null>,
  opts: ReturnBuildOptions = {},
): Promise<{ files: (NamedFile & { copy: ReturnCopy })[]; failed: { file: string; reason: string }[] }> {
  const files: (NamedFile & { copy: ReturnCopy })[] = [];
  const failed: { file: string; reason: string }[] = [];
  for (const copy of returnCopies(result, opts)) {
    try {
      const bytes = await load(copy.file);
      if (!bytes) throw new Error('找不到原文件');
      const made = await returnCopyFile(copy, bytes, opts);
      files.push({ name: copy.name, bytes: made.bytes, copy: made.copy });
    } catch (e) {
      failed.push({ file: copy.file, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return { files, failed };
}

export async function returnCopiesZip(result: CheckResult, load: (file: string) => Promise<Uint8Array | null>, opts: ReturnBuildOptions = {}): Promise<Uint8Array> {
  return zipFiles((await buildReturnCopies(result, load, opts)).files);
}
