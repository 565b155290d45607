/** Every unit's own template, as files (the CLI) or one zip (the pane's download). */
import { zipSync } from 'fflate';
import { type TemplateOptions, unitTemplateFileName, unitTemplateModel } from '../core/report/templateSheets';
import { renderWorkbook } from './write';

export interface NamedFile {
  name: string;
  bytes: Uint8Array;
}

/** One `<单位>-网络阵地备案表.xlsx` per unit, in the order given (repeated names once). */
export async function unitTemplateFiles(units: readonly string[], opts: TemplateOptions = {}): Promise<NamedFile[]> {
  const out: NamedFile[] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    const name = unitTemplateFileName(unit);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, bytes: await renderWorkbook(unitTemplateModel(unit, opts)) });
  }
  return out;
}

/** Files into one zip (names kept as UTF-8); the .xlsx parts are compressed already. */
export function zipFiles(files: readonly NamedFile[]): Uint8Array {
  return zipSync(Object.fromEntries(files.map((f) => [f.name, [f.bytes, { level: 0 }] as const])));
}

export async function unitTemplatesZip(units: readonly string[], opts: TemplateOptions = {}): Promise<Uint8Array> {
  return zipFiles(await unitTemplateFiles(units, opts));
}
