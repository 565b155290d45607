import fc from 'fast-check';
import { findPersonalId, idCheckChar } from '../../../src/core/normalize';
import { PROVINCE_CODES } from '../../../src/core/normalize/personal';

/** A valid ID from its parts (check character computed). */
const makeId = (region: string, birth: string, seq: string): string => {
  const first17 = region + birth + seq;
  return first17 + idCheckChar(first17);
};

describe('findPersonalId', () => {
  // The GB 11643 example: 11010519491231002X.
  const KNOWN = '11010519491231002X';

  it('knows the standard example', () => {
    expect(makeId('110105', '19491231', '002')).toBe(KNOWN);
  });

  it.each([
    [KNOWN, KNOWN],
    ['11010519491231002x', KNOWN],
    [`负责人身份证：${KNOWN}，电话13800002222`, KNOWN],
    ['１１０１０５１９４９１２３１００２Ｘ', KNOWN],
    [`no ${makeId('440106', '20000229', '123')} here`, makeId('440106', '20000229', '123')],
    // A province's code and a real birth date: a mistyped check character is still an ID.
    ['110105194912310021', '110105194912310021'],
    // Typed as a number: Excel keeps 15 significant digits.
    [String(Number('110105194912310021')), '110105194912310020'],
    ['110105 19491231 002X', KNOWN],
    ['身份证：1101-0519-4912-3100-2X', KNOWN],
  ])('finds the ID in %j', (text, id) => {
    expect(findPersonalId(text)).toBe(id);
  });

  it.each([
    ['', 'empty'],
    ['910105194912310021', 'wrong check digit and no province code'],
    ['110105 19491231 002', 'grouped but 17 digits'],
    ['13800002222 13900003333', 'two phones'],
    ['2024 1118 0000 1234 56', 'grouped digits with no birth date'],
    ['1101051949123100', 'too short'],
    [`9${KNOWN}`, 'part of a longer number'],
    [`${KNOWN.slice(0, 17)}01`, 'longer number'],
    [makeId('110105', '19490231', '002'), 'impossible birth date'],
    [makeId('110105', '19000229', '002'), '1900 is not a leap year'],
    [makeId('110105', '18991231', '002'), 'birth year too early'],
    [makeId('010105', '19491231', '002'), 'region code starts with 0'],
    ['13800002222 0668-2923456', 'phones'],
  ])('ignores %j (%s)', (text) => {
    expect(findPersonalId(text)).toBeNull();
  });

  const digits = (len: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: len, maxLength: len }).map((d) => d.join(''));
  const validId = fc
    .tuple(
      fc.integer({ min: 1, max: 9 }),
      digits(5),
      fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2099, 11, 31) }),
      digits(3),
    )
    .map(([first, region, ms, seq]) => makeId(`${first}${region}`, new Date(ms).toISOString().slice(0, 10).replace(/-/g, ''), seq));
  const noDigits = fc.string({ maxLength: 10 }).map((t) => t.replace(/[\d０-９]/g, ''));

  it('finds any valid ID embedded in text without adjacent digits', () => {
    fc.assert(fc.property(validId, noDigits, noDigits, (id, before, after) => findPersonalId(before + id + after) === id));
  });

  it('rejects any valid ID with one check character changed, unless it has a province code', () => {
    fc.assert(
      fc.property(validId, fc.constantFrom(...'0123456789X'), (id, ch) => {
        fc.pre(ch !== id[17] && !PROVINCE_CODES.has(id.slice(0, 2)));
        return findPersonalId(id.slice(0, 17) + ch) === null;
      }),
    );
  });
});
