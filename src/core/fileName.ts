/** A file's name without its folders (either separator): what a unit or a reader knows it by. */
export function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}
