/**
 * 网址 as units type it: mistyped schemes, full-width letters and dots, a label before it, a
 * note after it. The host is what the 网站域名 check compares, so each of these used to be
 * reported as a site outside the school's domain.
 */
import { checkFile, type Submission } from '../../../src/core/check';
import { urlHost } from '../../../src/core/normalize';
import { siteKey } from '../../../src/core/normalize/url';
import { underDomain } from '../../../src/core/rules/domain';

describe('urlHost', () => {
  it.each([
    ['http//xxgc.hbjy.net', 'xxgc.hbjy.net'],
    ['http:/xxgc.hbjy.net/a', 'xxgc.hbjy.net'],
    ['http:\\\\xxgc.hbjy.net', 'xxgc.hbjy.net'],
    ['http;//xxgc.hbjy.net', 'xxgc.hbjy.net'],
    ['http:xxgc.hbjy.net', 'xxgc.hbjy.net'],
    ['htttp://xxgc.hbjy.net', 'xxgc.hbjy.net'],
    ['https：／／xxgc.hbjy.net', 'xxgc.hbjy.net'],
    ['ｈｔｔｐ：／／ＷＷＷ．ＸＸＧＣ．ＨＢＪＹ．ＮＥＴ', 'www.xxgc.hbjy.net'],
    ['xxgc。hbjy。net', 'xxgc.hbjy.net'],
    ['网址：xxgc.hbjy.net', 'xxgc.hbjy.net'],
    ['https://xxgc.hbjy.net（校内访问）', 'xxgc.hbjy.net'],
    ['http://xxgc.hbjy.net，', 'xxgc.hbjy.net'],
    ['<http://xxgc.hbjy.net/>', 'xxgc.hbjy.net'],
    ['http://xxgc.hbjy.net\u200b', 'xxgc.hbjy.net'],
    ['xxgc.hbjy.net:8080/index.html', 'xxgc.hbjy.net'],
    ['http://202.114.1.1:8080/', '202.114.1.1'],
    ['localhost:8080', 'localhost'],
  ])('%j → %s', (url, host) => {
    expect(urlHost(url)).toBe(host);
  });

  it.each([
    ['http//xxgc.hbjy.net', true],
    ['ｘｘｇｃ．ｈｂｊｙ．ｎｅｔ', true],
    // near misses: look-alikes and addresses are still outside the domain
    ['http//xxgc.hbjy.net.evil.com', false],
    ['http://xhbjy.net', false],
    ['http://10.1.2.3/', false],
    ['网址：hbjy.net', false],
  ])('under hbjy.net: %j → %s', (url, ok) => {
    expect(underDomain(url, 'hbjy.net')).toBe(ok);
  });
});

describe('a mistyped scheme is no site outside the domain', () => {
  const sub = (urls: string[]): Submission => ({
    file: '信息工程学院.xlsx',
    sha256: 'u',
    size: 1,
    modified: null,
    read: {
      ok: true,
      kind: 'xlsx',
      workbook: {
        sheets: [
          {
            name: '附件1',
            merges: [],
            rows: [
              [{ t: 's', v: '网站平台更新登记备案表' }],
              [{ t: 's', v: '填报单位：信息工程学院  单位负责人签名（盖章）：王五  填表人：李明  填表人电话：13800001111' }],
              ['序号', '网站名称', '网站负责人', '网站管理员', '联系电话', '网站栏目', '最后更新日期', '网址'].map((v) => ({ t: 's' as const, v })),
              ...urls.map((url, i) => [i + 1, `站点${i + 1}`, '王五', '李明', '13800001111', '通知公告', '2024-11-18', url].map((v) => (typeof v === 'number' ? { t: 'n' as const, v } : { t: 's' as const, v }))),
            ],
          },
        ],
      },
    },
  });
  const domainFindings = (urls: string[]) =>
    checkFile(sub(urls), 0, { asOf: '2024-11-20', websiteDomain: 'hbjy.net' })
      .sheets.flatMap((s) => s.findings)
      .filter((f) => f.rule === 'website-domain')
      .map((f) => f.cell);

  it('http//, full-width and labelled addresses under the domain give no website-domain', () => {
    expect(domainFindings(['http//xxgc.hbjy.net', 'ｈｔｔｐｓ：／／ｄｊ．ｈｂｊｙ．ｎｅｔ', '网址：tw.hbjy.net（校内）'])).toEqual([]);
  });

  it('near miss: an address elsewhere, however typed, is still said at its cell', () => {
    expect(domainFindings(['http//xxgc.hbjy.net', 'http//www.example.com'])).toEqual(['H5']);
  });
});

describe('siteKey', () => {
  it.each([
    ['http://xxgc.hbjy.net', 'xxgc.hbjy.net'],
    ['https://www.xxgc.hbjy.net/', 'xxgc.hbjy.net'],
    ['XXGC.hbjy.net/index.html', 'xxgc.hbjy.net'],
    ['网址：http://xxgc.hbjy.net:80/（校内）', 'xxgc.hbjy.net'],
    ['http://www.hbjy.net/xxgc/', 'hbjy.net/xxgc'],
    ['http://www.hbjy.net/xxgc/default.aspx?id=3', 'hbjy.net/xxgc'],
  ])('%s → %s', (url, key) => {
    expect(siteKey(url)).toBe(key);
  });

  it('near miss: two paths under one host are two sites', () => {
    expect(siteKey('http://www.hbjy.net/xxgc/')).not.toBe(siteKey('http://www.hbjy.net/jjxy/'));
  });

  it('is empty without a host', () => {
    expect(siteKey('  ')).toBe('');
  });
});
