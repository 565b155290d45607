/** A drop's folders walked into files named by their path; the plain list without the entries API. */
import { chosenFolderFiles, droppedFiles } from '../../src/taskpane/dropped';

type Node = { name: string; bytes?: string; children?: Node[]; unreadable?: boolean };

/** A fake entry tree as the File and Directory Entries API hands it over (folders in batches of 2). */
function entry(n: Node, parent = ''): unknown {
  const fullPath = `${parent}/${n.name}`;
  if (!n.children) {
    return { isFile: true, isDirectory: false, name: n.name, fullPath, file: (ok: (f: File) => void, fail: (e: unknown) => void) => (n.unreadable ? fail(new Error('gone')) : ok(new File([n.bytes ?? 'x'], n.name, { lastModified: 7 }))) };
  }
  const kids = n.children.map((c) => entry(c, fullPath));
  return {
    isFile: false,
    isDirectory: true,
    name: n.name,
    fullPath,
    createReader: () => {
      let at = 0;
      return { readEntries: (ok: (e: unknown[]) => void) => ok(kids.slice(at, (at += 2))) };
    },
  };
}

const drop = (nodes: Node[], files: File[] = []) =>
  ({ items: nodes.map((n) => ({ kind: 'file', webkitGetAsEntry: () => entry(n) })), files }) as unknown as DataTransfer;

describe('droppedFiles', () => {
  it('walks folders (every batch), names files by path, sorted, skipping lock and hidden files inside folders', async () => {
    const files = await droppedFiles(
      drop([
        { name: '收件', children: [{ name: '信息工程学院', children: [{ name: '备案表.xlsx', bytes: 'abc' }, { name: '~$备案表.xlsx' }] }, { name: '.DS_Store' }, { name: '后勤处.xlsx' }, { name: 'Thumbs.db' }, { name: '体育部.xlsx' }] },
        { name: '~$given.xlsx' },
      ]),
    );
    expect(files.map((f) => f.name)).toEqual(['收件/后勤处.xlsx', '收件/体育部.xlsx', '收件/信息工程学院/备案表.xlsx', '~$given.xlsx']);
    const f = files.find((x) => x.name.endsWith('备案表.xlsx'))!;
    expect([await f.text(), f.lastModified]).toEqual(['abc', 7]);
  });

  it('keeps a file the browser cannot open, empty, so it is listed with its reason', async () => {
    const files = await droppedFiles(drop([{ name: 'd', children: [{ name: 'a.xlsx', unreadable: true }, { name: 'b.xlsx' }] }]));
    expect(files.map((f) => [f.name, f.size])).toEqual([['d/a.xlsx', 0], ['d/b.xlsx', 1]]);
  });

  it('uses the plain file list without the entries API', async () => {
    const plain = [new File(['x'], 'a.xlsx')];
    expect(await droppedFiles({ items: [{ kind: 'file' }], files: plain } as unknown as DataTransfer)).toEqual(plain);
    expect(await droppedFiles({ files: plain } as unknown as DataTransfer)).toEqual(plain);
  });
});

describe('chosenFolderFiles', () => {
  it('names files by their path in the chosen folder and skips lock and hidden ones below it', () => {
    const at = (p: string) => Object.assign(new File(['x'], p.split('/').pop()!), { webkitRelativePath: p });
    const got = chosenFolderFiles([at('收件/乙/b.xlsx'), at('收件/甲.xlsx'), at('收件/乙/~$b.xlsx'), at('收件/.git/x'), at('收件/desktop.ini')]);
    expect(got.map((f) => f.name)).toEqual(['收件/甲.xlsx', '收件/乙/b.xlsx']);
  });
});
