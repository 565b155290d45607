/** The production manifest's URLs are joined onto ZHENDI_URL (webpack.config.js). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

function built(url: string | undefined, mode = 'production'): string {
  const prev = process.env.ZHENDI_URL;
  if (url === undefined) delete process.env.ZHENDI_URL;
  else process.env.ZHENDI_URL = url;
  try {
    jest.resetModules();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(path.join(root, 'webpack.config.js'))({}, { mode }) as { plugins: { constructor: { name: string }; patterns?: { to: string; transform: (c: Buffer) => Buffer | string }[] }[] };
    const copy = config.plugins.find((p) => p.constructor.name === 'CopyPlugin')!;
    const pattern = copy.patterns!.find((p) => p.to === 'manifest.xml')!;
    return pattern.transform(readFileSync(path.join(root, 'manifest.xml'))).toString();
  } finally {
    if (prev === undefined) delete process.env.ZHENDI_URL;
    else process.env.ZHENDI_URL = prev;
  }
}

const urls = (xml: string) => [...xml.matchAll(/DefaultValue="(https:[^"]+)"/g)].map((m) => m[1]!);

describe('production manifest URLs', () => {
  it('a missing trailing slash on ZHENDI_URL is harmless', () => {
    const a = urls(built('https://zhendi.example.edu.cn/zhendi'));
    const b = urls(built('https://zhendi.example.edu.cn/zhendi/'));
    expect(a).toEqual(b);
    expect(a).toContain('https://zhendi.example.edu.cn/zhendi/assets/icon-32.png');
    expect(a).toContain('https://zhendi.example.edu.cn/zhendi/taskpane.html');
    expect(a.some((u) => /localhost/.test(u))).toBe(false);
    expect(a.every((u) => u.startsWith('https://zhendi.example.edu.cn/zhendi/'))).toBe(true);
  });
  it('keeps the query strings of the ribbon buttons and leaves development builds alone', () => {
    expect(urls(built('https://x.edu.cn')).filter((u) => u.includes('?step=')).every((u) => u.startsWith('https://x.edu.cn/taskpane.html?step='))).toBe(true);
    expect(built('https://x.edu.cn', 'development')).toBe(readFileSync(path.join(root, 'manifest.xml'), 'utf8'));
  });
});
