import fc from 'fast-check';
import type { Cell } from '../../../src/core/grid';
import { ENUMS, type EnumKind, matchEnum, squash } from '../../../src/core/normalize';

const KINDS: EnumKind[] = ['platform', 'groupType', 'yesNo'];

describe('ENUMS table', () => {
  it.each(KINDS)('%s: no squashed name belongs to two values', (kind) => {
    const owner = new Map<string, string>();
    for (const { value, aliases } of ENUMS[kind]) {
      for (const name of [value, ...aliases]) {
        const key = squash(name);
        expect([undefined, value]).toContain(owner.get(key));
        owner.set(key, value);
      }
    }
  });
});

describe('matchEnum', () => {
  it.each<[EnumKind, Cell | string, string, boolean]>([
    ['platform', '微信公众号', '微信公众号', false],
    ['platform', { t: 's', v: '微博' }, '微博', false],
    ['platform', '订阅号', '微信公众号', true],
    ['platform', ' 微信 服务号 ', '微信公众号', true],
    ['platform', 'Weibo', '微博', true],
    ['platform', 'ＢＩＬＩＢＩＬＩ', 'B站', true],
    ['platform', 'b站', 'B站', true],
    ['platform', 'B站', 'B站', false],
    ['platform', '其它', '其他', true],
    ['platform', '知乎', '知乎', false],
    ['groupType', '微信', '微信群', true],
    ['groupType', 'WeChat群', '微信群', true],
    ['groupType', 'QQ', 'QQ群', true],
    ['groupType', 'ＱＱ群', 'QQ群', true],
    ['groupType', 'QQ群', 'QQ群', false],
    ['groupType', '企微群', '企业微信群', true],
    ['groupType', '钉钉', '钉钉群', true],
    ['yesNo', '是', '是', false],
    ['yesNo', '√', '是', true],
    ['yesNo', 'YES', '是', true],
    ['yesNo', '已实名', '是', true],
    ['yesNo', '部分实名', '否', true],
    ['yesNo', 'X', '否', true],
    ['yesNo', { t: 'b', v: true }, '是', true],
    ['yesNo', { t: 'b', v: false }, '否', true],
    ['yesNo', { t: 'n', v: 1 }, '是', true],
    ['yesNo', { t: 'n', v: 0 }, '否', true],
    ['yesNo', ' 是 ', '是', true],
    // 问卷星 writes an "other" answer and a note in 〖〗.
    ['platform', '其他〖B站〗', '其他', true],
    ['groupType', '其他〖企业微信〗', '其他', true],
    ['yesNo', '否〖有3名校外人员〗', '否', true],
    ['yesNo', '否，部分实名', '否', true],
  ])('%s %j → %s', (kind, input, value, alias) => {
    expect(matchEnum(kind, input)).toEqual({ ok: true, value, alias });
  });

  it.each<[EnumKind, Cell | string | null | undefined, 'blank' | 'invalid']>([
    ['platform', null, 'blank'],
    ['platform', undefined, 'blank'],
    ['platform', '  ', 'blank'],
    ['platform', { t: 's', v: '' }, 'blank'],
    ['platform', '微信', 'invalid'],
    ['platform', '微博号码', 'invalid'],
    ['platform', 'QQ群', 'invalid'],
    ['groupType', '微信公众号', 'invalid'],
    ['groupType', { t: 'b', v: true }, 'invalid'],
    ['yesNo', '不确定', 'invalid'],
    ['yesNo', { t: 'n', v: 2 }, 'invalid'],
    ['yesNo', { t: 'd', v: '2024-03-25' }, 'invalid'],
    ['yesNo', { t: 'e', v: '#N/A' }, 'invalid'],
    // Two answers where one is asked.
    ['platform', '抖音;快手', 'invalid'],
    ['platform', '抖音、快手', 'invalid'],
  ])('%s %j fails as %s', (kind, input, reason) => {
    expect(matchEnum(kind, input)).toEqual({ ok: false, reason, allowed: ENUMS[kind].map((e) => e.value) });
  });

  it('matches every table entry, however it is spaced or cased', () => {
    const entries = KINDS.flatMap((kind) => ENUMS[kind].flatMap(({ value, aliases }) => [value, ...aliases].map((name) => ({ kind, value, name }))));
    fc.assert(
      fc.property(fc.constantFrom(...entries), fc.constantFrom('', ' ', '\u3000', '\n'), fc.boolean(), ({ kind, value, name }, pad, upper) => {
        const input = pad + (upper ? name.toUpperCase() : name) + pad;
        expect(matchEnum(kind, input)).toMatchObject({ ok: true, value, alias: input !== value });
      }),
    );
  });
});
