/**
 * Shorthand people type when they fill a form in a hurry or from another system: two-digit
 * years, 日 after a dashed date, counts with what they count (粉丝, 成员) or in traditional
 * script, landlines the international way, labelled numbers side by side, 转分机, 群聊.
 * Each case has its near miss, which stays what it was.
 */
import type { Cell } from '../../../src/core/grid';
import { matchEnum, parseCount, parseDate, parsePhones } from '../../../src/core/normalize';

const s = (v: string): Cell => ({ t: 's', v });

describe('dates in shorthand', () => {
  it.each([
    ['24.3.25', '2024-03-25'],
    ['24/3/25', '2024-03-25'],
    ['24-03-25', '2024-03-25'],
    ['24年3月25日', '2024-03-25'],
    ['24.3.25 10:00', '2024-03-25'],
    ['2024.3.25日', '2024-03-25'],
    ['2024-3-25日', '2024-03-25'],
    ['2024年3月25日。', '2024-03-25'],
  ])('%j reads as %s', (text, iso) => {
    expect(parseDate(s(text))).toEqual({ ok: true, iso, normalized: true });
  });

  it.each([
    ['24.13.25', 'impossible'],
    ['24.2.30', 'impossible'],
    ['4.3.25', 'invalid'],
    ['124.3.25', 'invalid'],
    ['24.3', 'invalid'],
    ['2024.3.25日日', 'invalid'],
    ['2024年3月25日。。', 'invalid'],
  ])('near miss: %j is %s', (text, reason) => {
    expect(parseDate(s(text))).toMatchObject({ ok: false, reason });
  });
});

describe('counts with what they count', () => {
  it.each([
    ['1200粉丝', 1200],
    ['1.2万粉', 12000],
    ['1.5萬', 15000],
    ['2億', 200000000],
    ['共1200人', 1200],
    ['50名成员', 50],
    ['30位', 30],
  ])('%j reads as %d', (text, value) => {
    expect(parseCount(s(text))).toEqual({ ok: true, value, normalized: true });
  });

  it.each(['粉丝', '共', '12万人次', '1200粉丝人次', '萬'])('near miss: %j is no count', (text) => {
    expect(parseCount(s(text))).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('phones written the international way, labelled or with 转分机', () => {
  const displays = (text: string) => {
    const r = parsePhones(text);
    return { phones: r.phones.map((p) => p.display), invalid: r.invalid };
  };

  it.each([
    ['+86-716-8060000', ['0716-8060000']],
    ['+86 0716 8060000', ['0716-8060000']],
    ['0086 10 12345678', ['010-12345678']],
    ['(+86)716-8060000', ['0716-8060000']],
    ['手机:13800001111 办公:0716-8060000', ['13800001111', '0716-8060000']],
    ['手机： 13800001111 办公： 0716-8060000', ['13800001111', '0716-8060000']],
    ['张三 13800001111 李四 13900002222', ['13800001111', '13900002222']],
    ['027-87654321转分机801', ['027-87654321-801']],
  ])('%j is %j', (text, phones) => {
    expect(displays(text)).toEqual({ phones, invalid: [] });
  });

  it.each([
    // Without + or 00 the 86 may be digits of the number: no landline is made of it.
    '86-716-8060000',
    '+86-716-806000',
    // Two short numbers side by side are a mistyped mobile, labelled or not.
    '办公 61234 宿舍 61235',
    '手机:13800001111 办公:806',
    '027-87654321转分机转801',
  ])('near miss: %j stays invalid', (text) => {
    expect(displays(text).invalid).toEqual([text]);
  });
});

describe('群聊 is the group it names', () => {
  it.each([
    ['微信群聊', '微信群'],
    ['QQ群聊', 'QQ群'],
    ['钉钉群聊', '钉钉群'],
    ['企业微信群聊', '企业微信群'],
    ['飞书群聊', '飞书群'],
  ])('%j is %s', (text, value) => {
    expect(matchEnum('groupType', text)).toEqual({ ok: true, value, alias: true });
  });

  it('near miss: 群聊 alone names no kind of group', () => {
    expect(matchEnum('groupType', '群聊')).toMatchObject({ ok: false, reason: 'invalid' });
  });
});
