/**
 * Names passed over when a folder is walked: Office lock files (~$), hidden files, Windows'
 * thumbnails and folder settings. A file given by itself is always read.
 */
const NOT_SUBMITTED = /^(~\$|\.|Thumbs\.db$|desktop\.ini$)/i;
/** The folder Excel or Word writes beside a page saved as 网页 (名单.files, Book1_files): its parts, not submissions. */
const WEB_PAGE_PARTS = /.[._]files$|\.fld$/i;

export function skippedInFolder(name: string): boolean {
  return NOT_SUBMITTED.test(name) || WEB_PAGE_PARTS.test(name);
}

/** A file's name without its folders (either separator): what a unit or a reader knows it by. */
export function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}
