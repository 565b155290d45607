/**
 * The files of a drop or of a chosen folder, folders walked: each file is named by its path
 * below what was dropped (收件/信息工程学院/备案表.xlsx), as the CLI names files below a folder,
 * so the folder a unit's mail was filed in can name the unit. Lock and hidden files inside
 * folders are passed over (core/fileName.ts), as in the CLI.
 */
import { skippedInFolder } from '../core/fileName';
import { zhCollator } from '../core/findings';

/** The parts of the File and Directory Entries API used here (Chromium, Edge, Firefox, Safari). */
interface Entry {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
}
interface FileEntry extends Entry {
  file(ok: (f: File) => void, fail: (e: unknown) => void): void;
}
interface DirectoryEntry extends Entry {
  createReader(): { readEntries(ok: (entries: Entry[]) => void, fail: (e: unknown) => void): void };
}

/** A File under another name, same bytes (no copy: a File is a view of its blob). */
function named(f: File, name: string): File {
  return name === f.name ? f : new File([f], name, { type: f.type, lastModified: f.lastModified });
}

async function walk(entry: Entry, out: File[]): Promise<void> {
  const path = entry.fullPath.replace(/^\/+/, '') || entry.name;
  if (entry.isFile) {
    // One the browser cannot open (gone, no permission) still shows up, as an empty file.
    const f = await new Promise<File>((ok, fail) => (entry as FileEntry).file(ok, fail)).catch(() => new File([], entry.name));
    out.push(named(f, path));
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as DirectoryEntry).createReader();
  const children: Entry[] = [];
  // readEntries hands a folder over in batches (100 in Chromium) until one comes back empty.
  for (;;) {
    const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (!batch.length) break;
    children.push(...batch);
  }
  children.sort((a, b) => zhCollator.compare(a.name, b.name));
  for (const c of children) if (!skippedInFolder(c.name)) await walk(c, out);
}

/**
 * Must be called in the drop handler itself: a DataTransfer's items are gone once it returns.
 * Without the entries API (or for items that are not files) the plain file list is used.
 */
export function droppedFiles(dt: DataTransfer): Promise<File[]> {
  const items = Array.from(dt.items ?? []).filter((i) => i.kind === 'file');
  const entries = items.map((i) => (typeof i.webkitGetAsEntry === 'function' ? (i.webkitGetAsEntry() as Entry | null) : null));
  if (!entries.length || entries.some((e) => e === null)) return Promise.resolve(Array.from(dt.files));
  return (async () => {
    const out: File[] = [];
    for (const e of entries as Entry[]) await walk(e, out);
    return out;
  })();
}

/** Files of an <input webkitdirectory>: named by their path below the chosen folder's parent. */
export function chosenFolderFiles(list: FileList | File[]): File[] {
  return Array.from(list)
    .filter((f) => !(f.webkitRelativePath || f.name).split('/').slice(1).some(skippedInFolder))
    .map((f) => named(f, f.webkitRelativePath || f.name))
    .sort((a, b) => zhCollator.compare(a.name, b.name));
}
