/** Zero-width characters pasted in with text (web pages, chats) are no content and no space. */
import { parseDate } from '../../../src/core/normalize/date';
import { parsePhones } from '../../../src/core/normalize/phone';
import { cleanText, withoutInvisible } from '../../../src/core/normalize/text';

describe('zero-width characters', () => {
  it.each([
    ['李\u200b敏', '李敏'],
    ['\ufeff王建国\u2060', '王建国'],
    ['机电\u200c学院  党建网', '机电学院 党建网'],
    ['a \u200b b', 'a b'],
  ])('cleanText(%j) is %j', (input, want) => {
    expect(cleanText(input)).toBe(want);
  });

  it('a phone or a date with them reads as without', () => {
    expect(parsePhones('138\u200b0000\u200d1111').phones.map((p) => p.display)).toEqual(['13800001111']);
    expect(parsePhones('0668-\u200b2923456').phones.map((p) => p.display)).toEqual(['0668-2923456']);
    expect(parseDate({ t: 's', v: '2024-11-18\u200b' })).toEqual({ ok: true, iso: '2024-11-18', normalized: true });
  });

  it('near miss: visible characters stay; a text of nothing else is blank', () => {
    expect(withoutInvisible('李 敏')).toBe('李 敏');
    expect(parsePhones('1380000111\u200b').invalid).toEqual(['1380000111']);
    expect(parseDate({ t: 's', v: '\u200b' })).toEqual({ ok: false, reason: 'blank' });
  });
});
