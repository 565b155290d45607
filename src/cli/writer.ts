/**
 * Output files of the CLI. The workbook writer is loaded on first use: exceljs takes most of a
 * second to load, and a check without --out never needs it. Outputs are written atomically and
 * together: every file is rendered and written to a temporary file in its target's folder
 * first, then all are renamed into place; a failure at any step leaves every previous result as
 * it was and says which file could not be written.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, constants as fsc } from 'node:fs';
import path from 'node:path';
import type { WorkbookModel } from '../core/report/model';

/**
 * zlib level 4: on the 1,000-unit result (112 MB of XML) a third of level 6's CPU time for a
 * file 9% larger (12.6 vs 11.5 MB); level 1 would be 28% larger.
 */
const CLI_DEFLATE_LEVEL = 4;

export async function renderWorkbook(model: WorkbookModel): Promise<Uint8Array> {
  // A dynamic import() is not available to the CJS test runner; require() is, and it is lazy.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const writer = require('../xlsx/write') as typeof import('../xlsx/write');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { nodeDeflater } = require('./deflate') as typeof import('./deflate');
  return writer.renderWorkbook(model, { deflater: nodeDeflater, level: CLI_DEFLATE_LEVEL });
}

export interface Output {
  /** Absolute target path. */
  path: string;
  data: string | Uint8Array;
}

export class OutputError extends Error {}

function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return '没有写入权限或文件为只读';
  if (code === 'EBUSY' || code === 'ETXTBSY') return '文件正被其他程序（如 Excel/WPS）占用，请关闭后重试';
  if (code === 'ENOSPC') return '磁盘空间不足';
  return e instanceof Error ? e.message : String(e);
}

function fail(target: string, e: unknown): OutputError {
  return new OutputError(`无法写入“${target}”：${why(e)}；已有的结果文件均未改动`);
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

async function writeTemp(target: string, data: string | Uint8Array): Promise<string> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await fs.open(tmp, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return tmp;
}

/** Writes all outputs or none: temp files, then renames; on a failure the earlier renames are undone. */
export async function writeOutputs(outputs: Output[]): Promise<void> {
  const temps: string[] = [];
  const backups: (string | null)[] = [];
  const cleanup = async (files: (string | null)[]) => Promise.all(files.map((f) => (f ? fs.rm(f, { force: true }) : undefined)));
  try {
    for (const o of outputs) {
      try {
        await fs.mkdir(path.dirname(o.path), { recursive: true });
        // A read-only or locked target is refused up front, though a rename could replace it.
        if (await exists(o.path)) await fs.access(o.path, fsc.W_OK);
        temps.push(await writeTemp(o.path, o.data));
      } catch (e) {
        throw fail(o.path, e);
      }
    }
    for (const o of outputs) {
      let backup: string | null = null;
      if (await exists(o.path)) {
        backup = `${o.path}.${process.pid}.bak.tmp`;
        await fs.rm(backup, { force: true });
        try {
          await fs.link(o.path, backup);
        } catch {
          await fs.copyFile(o.path, backup);
        }
      }
      backups.push(backup);
    }
  } catch (e) {
    await cleanup([...temps, ...backups]);
    throw e instanceof OutputError ? e : fail(outputs[0]?.path ?? '', e);
  }
  let done = 0;
  try {
    for (; done < outputs.length; done++) await fs.rename(temps[done]!, outputs[done]!.path);
  } catch (e) {
    // Put back what was replaced so the set stays consistent.
    for (let j = 0; j < done; j++) {
      const b = backups[j];
      if (b) await fs.rename(b, outputs[j]!.path).catch(() => undefined);
      else await fs.rm(outputs[j]!.path, { force: true });
    }
    await cleanup([...temps.slice(done), ...backups.slice(done)]);
    throw fail(outputs[done]!.path, e);
  }
  await cleanup(backups);
}
