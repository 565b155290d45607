import fc from 'fast-check';
import { maskPhone, parsePhones } from '../../../src/core/normalize';

const FULL_DIGITS = '０１２３４５６７８９';

describe('parsePhones', () => {
  it.each([
    ['13800002222', 'mobile', '13800002222', '13800002222'],
    ['138 0000 2222', 'mobile', '13800002222', '13800002222'],
    ['138-0000-2222', 'mobile', '13800002222', '13800002222'],
    ['+86 138 0000 2222', 'mobile', '13800002222', '13800002222'],
    ['8613800002222', 'mobile', '13800002222', '13800002222'],
    ['１３８００００２２２２', 'mobile', '13800002222', '13800002222'],
    ['0668-2923456', 'landline', '06682923456', '0668-2923456'],
    ['06682923456', 'landline', '06682923456', '0668-2923456'],
    ['(0668)2923456', 'landline', '06682923456', '0668-2923456'],
    ['（0668）2923456', 'landline', '06682923456', '0668-2923456'],
    ['0668—2923456', 'landline', '06682923456', '0668-2923456'],
    ['01012345678', 'landline', '01012345678', '010-12345678'],
    ['020-1234567', 'landline', '0201234567', '020-1234567'],
    ['0755 12345678', 'landline', '075512345678', '0755-12345678'],
    ['010-12345678-123', 'landline', '01012345678123', '010-12345678-123'],
    ['010-12345678转123', 'landline', '01012345678123', '010-12345678-123'],
    ['0668-2923456 ext 12', 'landline', '066829234561' + '2', '0668-2923456-12'],
    ['0668-2923456#8', 'landline', '066829234568', '0668-2923456-8'],
    ['61234', 'short', '61234', '61234'],
    ['612345', 'short', '612345', '612345'],
  ])('%j is one %s', (input, kind, digits, display) => {
    expect(parsePhones(input)).toEqual({ phones: [{ raw: input, digits, kind, display }], invalid: [], blank: false });
  });

  it('splits a cell on every listed separator', () => {
    const r = parsePhones('13800002222/0668-2923456、61234,13900003333，13700001111;13600001111；13500001111|13400001111或13300001111\n13200001111');
    expect(r.invalid).toEqual([]);
    expect(r.phones.map((p) => p.display)).toEqual([
      '13800002222', '0668-2923456', '61234', '13900003333', '13700001111',
      '13600001111', '13500001111', '13400001111', '13300001111', '13200001111',
    ]);
  });

  it('splits numbers separated only by spaces when each part is a number', () => {
    expect(parsePhones('13800002222 13900003333').phones.map((p) => p.digits)).toEqual(['13800002222', '13900003333']);
    expect(parsePhones('13800 02222')).toEqual({ phones: [], invalid: ['13800 02222'], blank: false });
  });

  it('keeps the raw piece as written', () => {
    expect(parsePhones(' １３８００００２２２２ ／ 61234 ').phones.map((p) => p.raw)).toEqual(['１３８００００２２２２', '61234']);
  });

  it.each([
    '1380000222', // 10 digits
    '138000022223', // 12 digits
    '12800002222', // no such mobile prefix
    '12345678', // local number without area code
    '2923456',
    '1234',
    '0668-0923456', // local numbers never start with 0
    '0668-292345', // local part too short
    '0668-292345678', // local part too long
    '00668-2923456', // international prefix, not an area code
    'abc',
    '无',
    '138000022a2',
    '13800002222转8', // mobiles have no extension
    '0668-2923456转1234567', // extensions have at most 6 digits
  ])('%j is invalid', (input) => {
    expect(parsePhones(input)).toEqual({ phones: [], invalid: [input], blank: false });
  });

  it('ignores dashes inside a number, so the area code is found by its first digits', () => {
    expect(parsePhones('0201-2345678').phones[0]?.display).toBe('020-12345678');
    expect(parsePhones('0668-2923456转').phones[0]?.display).toBe('0668-2923456');
  });

  it('reports good and bad pieces together', () => {
    const r = parsePhones('13800002222/abc/1380000222');
    expect(r.phones.map((p) => p.digits)).toEqual(['13800002222']);
    expect(r.invalid).toEqual(['abc', '1380000222']);
  });

  it('reads cells', () => {
    expect(parsePhones({ t: 'n', v: 13800002222 }).phones[0]?.display).toBe('13800002222');
    expect(parsePhones({ t: 'n', v: 61234 }).phones[0]?.kind).toBe('short');
    expect(parsePhones({ t: 's', v: '0668-2923456' }).phones[0]?.kind).toBe('landline');
    expect(parsePhones({ t: 'n', v: 1.5 }).invalid).toEqual(['1.5']);
    expect(parsePhones({ t: 'b', v: true }).invalid).toEqual(['true']);
    expect(parsePhones({ t: 'e', v: '#N/A' }).phones).toEqual([]);
  });

  it.each([null, undefined, '', '  ', { t: 's' as const, v: ' ' }, '/'])('%j is blank', (input) => {
    expect(parsePhones(input)).toEqual({ phones: [], invalid: [], blank: true });
  });

  const digit = fc.integer({ min: 0, max: 9 }).map(String);
  const mobile = fc
    .tuple(fc.integer({ min: 3, max: 9 }), fc.array(digit, { minLength: 9, maxLength: 9 }))
    .map(([second, rest]) => `1${second}${rest.join('')}`);
  const landline = fc
    .tuple(
      fc.oneof(fc.constant('010'), fc.integer({ min: 20, max: 29 }).map((x) => `0${x}`), fc.integer({ min: 300, max: 999 }).map((x) => `0${x}`)),
      fc.integer({ min: 2, max: 9 }),
      fc.array(digit, { minLength: 6, maxLength: 7 }),
    )
    .map(([area, first, rest]) => `${area}-${first}${rest.join('')}`);
  const short = fc.array(digit, { minLength: 5, maxLength: 6 }).map((d) => d.join(''));

  /** Scatters spaces and dashes between characters and widens some digits. */
  const messUp = (text: string) =>
    fc.array(fc.tuple(fc.constantFrom('', '', '', ' ', '-', '－', '\u3000'), fc.boolean()), { minLength: text.length, maxLength: text.length }).map((noise) =>
      Array.from(text)
        .map((ch, i) => {
          const [gap, wide] = noise[i]!;
          return (wide && /\d/.test(ch) ? FULL_DIGITS[Number(ch)]! : ch) + (i < text.length - 1 ? gap : '');
        })
        .join(''),
    );

  it('reads any mobile with random spaces, dashes and full-width digits as that mobile', () => {
    fc.assert(
      fc.property(mobile.chain((m) => messUp(m).map((messy) => [m, messy] as const)), ([m, messy]) => {
        const r = parsePhones(messy);
        expect(r.invalid).toEqual([]);
        expect(r.phones).toEqual([{ raw: messy.trim(), digits: m, kind: 'mobile', display: m }]);
      }),
    );
  });

  it('reads any two valid numbers joined by "/" or "、" as two numbers', () => {
    const phone = fc.oneof(mobile, landline, short);
    fc.assert(
      fc.property(phone, phone, fc.constantFrom('/', '、', ' / ', '／'), (a, b, sep) => {
        const r = parsePhones(a + sep + b);
        expect(r.invalid).toEqual([]);
        expect(r.phones.map((p) => p.display)).toEqual([a, b]);
      }),
    );
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['0668-2923456', '0668-****3456'],
    ['06682923456', '0668-****3456'],
    ['010-12345678-123', '010-****5678-123'],
    ['61234', '***34'],
    ['612345', '****45'],
    ['13812345678/0668-2923456', '138****5678/0668-****3456'],
    ['abcdef', 'abc***'],
    ['张三丰先生', '张三丰**'],
    ['1380000222', '138*******'],
    ['ab', 'ab'],
    ['', ''],
  ])('%j → %j', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });
  it('never shows the middle of a mobile', () => {
    const mobile = fc.integer({ min: 13000000000, max: 19999999999 }).map(String);
    fc.assert(fc.property(mobile, (m) => expect(maskPhone(m)).toBe(`${m.slice(0, 3)}****${m.slice(7)}`)));
  });
});
