/**
 * Values as units really write them, read the way a careful clerk would: notes around a date,
 * a phone or a count, Chinese numerals, answers with a reason after them. Each line pairs a
 * variant that must be read with a near miss that must stay a finding.
 */
import type { Cell } from '../../../src/core/grid';
import { matchEnum, parseCount, parseDate, parsePhones } from '../../../src/core/normalize';

const s = (v: string): Cell => ({ t: 's', v });

describe('dates with a time, a weekday or other separators', () => {
  it.each([
    ['2024年11月5日 10时30分', '2024-11-05'],
    ['2024年11月5日10:30', '2024-11-05'],
    ['2024年11月5日 下午3点', '2024-11-05'],
    ['2024/11/05 星期二', '2024-11-05'],
    ['2024年11月5日（周二）', '2024-11-05'],
    ['2024-11-05.', '2024-11-05'],
    ['2024—11—05', '2024-11-05'],
    ['2024_11_05', '2024-11-05'],
    ['二〇二四年十一月五日', '2024-11-05'],
    ['二〇二四年三月二十五日', '2024-03-25'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(s(text))).toEqual({ ok: true, iso, normalized: true });
  });

  it.each([['2024-11-05 下午'], ['2024年11月'], ['2024—11-05'], ['二〇二四年十三月五日'], ['二〇二四年二月三十日'], ['2024年11月5日 25时'], ['2024-11-05..']])('%s stays a finding', (text) => {
    expect(parseDate(s(text)).ok).toBe(false);
  });
});

describe('one phone with words around it', () => {
  it.each([
    ['13800001111（微信同号）', '13800001111'],
    ['13800001111(办)', '13800001111'],
    ['手机：13800001111', '13800001111'],
    ['王老师 13800001111', '13800001111'],
    ['13800001111 王老师', '13800001111'],
    ['tel:13800001111', '13800001111'],
    ['13800001111.0', '13800001111'],
    ['电话：0668-2923456转8001', '0668-2923456-8001'],
    ['(0668)2923456（办公室）', '0668-2923456'],
  ])('%s → %s', (text, display) => {
    const r = parsePhones(text);
    expect(r.invalid).toEqual([]);
    expect(r.phones.map((p) => p.display)).toEqual([display]);
  });

  it('a bare local number after a landline shares its area code', () => {
    expect(parsePhones('0668-2923456/2923457').phones.map((p) => p.display)).toEqual(['0668-2923456', '0668-2923457']);
    expect(parsePhones('13800001111/2923457').invalid).toEqual(['2923457']);
    expect(parsePhones('2923457').invalid).toEqual(['2923457']);
  });

  it.each([['1380000111（办）'], ['王老师'], ['手机：1380000111'], ['13800001111王老师13900002222'], ['1380000111.0']])('%s stays invalid', (text) => {
    expect(parsePhones(text).phones).toEqual([]);
  });
});

describe('counts with a note or in Chinese numerals', () => {
  it.each([
    ['5000（截至10月）', 5000],
    ['1.2万（含视频号）', 12000],
    ['一万', 10000],
    ['两千多', 2000],
    ['三千五百', 3500],
    ['十二', 12],
    ['一千零五', 1005],
    ['二十万', 200000],
    ['约三千人', 3000],
    ['1万2', 12000],
    ['1万2千', 12000],
    ['1万2500', 12500],
    ['超过2000', 2000],
    ['≥2000', 2000],
    ['＞2000', 2000],
  ])('%s → %d', (text, value) => {
    expect(parseCount(s(text))).toEqual({ ok: true, value, normalized: true });
  });

  // 不足2000 read as 2000 would hide an account below the 网络大V threshold.
  it.each([['万'], ['一二'], ['（1.2万）'], ['很多'], ['暂无'], ['不足2000'], ['少于100'], ['1万2万']])('%s stays invalid', (text) => {
    expect(parseCount(s(text)).ok).toBe(false);
  });
});

describe('answers with a reason or a note', () => {
  it.each([
    ['yesNo', '否（部分未实名）', '否'],
    ['yesNo', '是（已全部实名）', '是'],
    ['yesNo', '否，部分实名', '否'],
    ['yesNo', '全员实名', '是'],
    ['yesNo', '已解散', '是'],
    ['yesNo', '☑', '是'],
    ['yesNo', '已全部清理', '是'],
    ['yesNo', '清理完毕', '是'],
    ['yesNo', '待清理', '否'],
    ['yesNo', '正在清理', '否'],
    ['platform', '微信公众号（服务号）', '微信公众号'],
    ['platform', '视频号（微信）', '视频号'],
    ['platform', '抖音短视频', '抖音'],
    ['platform', '哔哩哔哩弹幕网', 'B站'],
    ['groupType', '微信工作群', '微信群'],
    ['groupType', '微信群（工作群）', '微信群'],
    ['groupType', '企微', '企业微信群'],
  ] as const)('%s %s → %s', (kind, text, value) => {
    expect(matchEnum(kind, text)).toEqual({ ok: true, value, alias: true });
  });

  it.each([
    ['yesNo', '（是）'],
    ['yesNo', '□'],
    ['platform', '公众号/视频号'],
    ['platform', '学习强国（其他）'],
    ['groupType', 'QQ群/微信群'],
  ] as const)('%s %s stays invalid', (kind, text) => {
    expect(matchEnum(kind, text).ok).toBe(false);
  });
});
