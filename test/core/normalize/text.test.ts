import fc from 'fast-check';
import { cleanText, headerKey, isNothingToFile, squash, toHalfWidth } from '../../../src/core/normalize';

describe('toHalfWidth', () => {
  it('folds full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('ＡＢＣ１２３（）：，\u3000ｘ')).toBe('ABC123():, x');
  });
  it('leaves CJK and full-width brackets outside FF01–FF5E alone', () => {
    expect(toHalfWidth('网站【名称】。')).toBe('网站【名称】。');
  });
  it('leaves ASCII unchanged', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii' }), (s) => toHalfWidth(s) === s));
  });
});

describe('squash', () => {
  it('removes every kind of whitespace and lower-cases', () => {
    expect(squash(' 账号\nID\r\t\u00A0\u3000x\u200By\uFEFF ')).toBe('账号idxy');
    expect(squash('Ｎ／Ａ')).toBe('n/a');
  });
  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => squash(squash(s)) === squash(s)));
  });
});

describe('headerKey', () => {
  it.each([
    ['群组类型\n（QQ群、微信群等）', '群组类型'],
    ['职务职称\n（教师填写）', '职务职称'],
    ['是否全部\n实名', '是否全部实名'],
    ['账号ID', '账号id'],
    ['账号id', '账号id'],
    ['*网站名称', '网站名称'],
    ['网站名称：', '网站名称'],
    ['网站名称:', '网站名称'],
    ['【必填】负责人', '负责人'],
    ['负责人[必填]', '负责人'],
    ['负责人［必填］', '负责人'],
    ['备注（（嵌套）说明）', '备注'],
    ['备注（未闭合', '备注'],
  ])('%j → %j', (input, key) => {
    expect(headerKey(input)).toBe(key);
  });
  it('keeps text that differs in substance apart', () => {
    expect(headerKey('账号名称')).not.toBe(headerKey('账号ID'));
  });
  it('is idempotent', () => {
    const pieces = fc.constantFrom('(', ')', '（', '）', '【', '】', '[', ']', '*', ':', '：', ' ', '\n', 'A', 'ｂ', '名', '称');
    const header = fc.array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 3 })), { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(fc.property(header, (s) => headerKey(headerKey(s)) === headerKey(s)));
  });
});

describe('cleanText', () => {
  it('trims and collapses inner whitespace', () => {
    expect(cleanText('  某某  学院\n\n网站 ')).toBe('某某 学院 网站');
    expect(cleanText('a\u3000\u00A0b')).toBe('a b');
    expect(cleanText('')).toBe('');
  });
});

describe('isNothingToFile', () => {
  it.each(['无', '暂无', '没有', '无此项', '/', '—', '-', 'N/A', 'none', ' 无 ', 'NONE', '／', '－'])('%j means nothing to file', (s) => {
    expect(isNothingToFile(s)).toBe(true);
  });
  it.each(['', '无线网络', '0', '有', 'no'])('%j does not', (s) => {
    expect(isNothingToFile(s)).toBe(false);
  });
});
