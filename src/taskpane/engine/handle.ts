/** Dispatches a request to an EngineCore (shared by the worker and the in-process engine). */
import { EngineCore, type ImportSummary, type InputFile, type Progress } from './core';
import type { FileInput, Request } from './protocol';
import { zhCollator } from '../../core/findings';

function isBlob(f: FileInput): f is File {
  return typeof Blob !== 'undefined' && f instanceof Blob;
}

export async function toInput(f: FileInput): Promise<InputFile> {
  if (!isBlob(f)) return { name: f.name, bytes: f.bytes, modified: f.modified ?? null };
  const buf = await f.arrayBuffer();
  return { name: f.name, bytes: new Uint8Array(buf), modified: f.lastModified ? new Date(f.lastModified).toISOString() : null };
}

export async function handle(core: EngineCore, req: Request, progress?: Progress): Promise<unknown> {
  // A restore runs before anything asked after it (the worker takes messages concurrently).
  if (req.op !== 'restore') await core.ready();
  switch (req.op) {
    case 'addFiles': {
      // Read file bytes lazily, a few at a time, so 2,000 files never sit in memory at once.
      const total = req.files.length;
      let done = 0;
      const added: ImportSummary['added'] = [];
      const skipped: string[] = [];
      const counts = { submissions: 0, unreadable: 0, duplicates: 0, rosters: 0, scores: 0, results: 0, skipped: 0 };
      // By name across the whole drop (EngineCore.addFiles sorts each chunk the same way).
      const files = [...req.files].sort((a, b) => zhCollator.compare(a.name, b.name));
      for (let i = 0; i < total; i += 16) {
        const inputs = await Promise.all(files.slice(i, i + 16).map(toInput));
        // Saved once for the whole drop: the session record holds every file, so saving it per
        // chunk rewrote it 60 times over at 1,000 files (most of the import's time).
        const r = await core.addFiles(inputs, (_d, _t, file) => progress?.(++done, total, file), { persist: false });
        added.push(...r.added);
        skipped.push(...r.skipped);
        for (const k of Object.keys(counts) as (keyof typeof counts)[]) counts[k] += r.counts?.[k] ?? 0;
      }
      if (added.length) await core.persistNow();
      return { total: core.fileCount, added, skipped, counts, changed: added.length > 0 } satisfies ImportSummary;
    }
    case 'reset':
      await core.reset();
      return null;
    case 'restore':
      return core.restore(req.session);
    case 'forget':
      await core.forget();
      return null;
    case 'setRoster':
      return core.setRoster(req.file ? await toInput(req.file) : null, progress);
    case 'check':
      return core.check(req.settings);
    case 'scoring':
      return core.scoring(req.settings, req.existing);
    case 'ranking':
      return core.ranking(req.settings, req.existing);
    case 'rectify':
      return core.rectify(req.settings, req.existing, { notices: req.notices });
    case 'recompute':
      return core.recompute(req.settings, req.workbook ?? null, req.opts);
    case 'setScore':
      return core.setScore(req.entry, req.settings, req.workbook ?? null, req.opts);
    case 'openResult':
      return core.openResult(await toInput(req.file), progress);
    case 'download':
      return core.download(req.settings ?? null, req.original ?? null, req.extra ?? [], progress);
    case 'templates':
      return core.templates(req.school);
    case 'unitTemplatesZip':
      return core.unitTemplatesZip(req.settings);
    case 'returnCopiesZip':
      return core.returnCopiesZip(req.settings);
    case 'render':
      return core.render(req.model);
    case 'readWorkbook':
      return core.readWorkbook(await toInput(req.file), progress);
  }
}
