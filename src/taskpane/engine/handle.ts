/** Dispatches a request to an EngineCore (shared by the worker and the in-process engine). */
import { EngineCore, type InputFile, type Progress } from './core';
import type { FileInput, Request } from './protocol';

function isBlob(f: FileInput): f is File {
  return typeof Blob !== 'undefined' && f instanceof Blob;
}

export async function toInput(f: FileInput): Promise<InputFile> {
  if (!isBlob(f)) return { name: f.name, bytes: f.bytes, modified: f.modified ?? null };
  const buf = await f.arrayBuffer();
  return { name: f.name, bytes: new Uint8Array(buf), modified: f.lastModified ? new Date(f.lastModified).toISOString() : null };
}

export async function handle(core: EngineCore, req: Request, progress?: Progress): Promise<unknown> {
  switch (req.op) {
    case 'addFiles': {
      // Read file bytes lazily, a few at a time, so 2,000 files never sit in memory at once.
      const total = req.files.length;
      let done = 0;
      const added: Awaited<ReturnType<EngineCore['addFiles']>>['added'] = [];
      const skipped: string[] = [];
      for (let i = 0; i < total; i += 16) {
        const inputs = await Promise.all(req.files.slice(i, i + 16).map(toInput));
        const r = await core.addFiles(inputs, (_d, _t, file) => progress?.(++done, total, file));
        added.push(...r.added);
        skipped.push(...r.skipped);
      }
      return { total: core.fileCount, added, skipped };
    }
    case 'reset':
      await core.reset();
      return null;
    case 'restore':
      return core.restore(req.session);
    case 'setRoster':
      return core.setRoster(req.file ? await toInput(req.file) : null);
    case 'check':
      return core.check(req.settings);
    case 'scoring':
      return core.scoring(req.settings, req.existing);
    case 'ranking':
      return core.ranking(req.settings, req.existing);
    case 'rectify':
      return core.rectify(req.settings, req.existing, { notices: req.notices });
    case 'templates':
      return core.templates(req.school);
    case 'render':
      return core.render(req.model);
    case 'readWorkbook':
      return core.readWorkbook((await toInput(req.file)).bytes);
  }
}
