/** Cell formats of the workbook we write: each distinct combination gets one cellXfs entry. */
import { esc } from './writeZip';

export interface CellStyle {
  bold?: boolean;
  size?: number;
  /** Font colour, RRGGBB. */
  color?: string;
  underline?: boolean;
  /** Solid fill, RRGGBB. */
  fill?: string;
  border?: boolean;
  wrap?: boolean;
  h?: 'left' | 'center' | 'right';
  v?: 'top' | 'center';
  numFmt?: string;
  /** false: the cell stays editable when the sheet is protected. */
  locked?: boolean;
}

/** A conditional-format look (dxf). */
export interface DiffStyle {
  fill: string;
  font?: string;
}

const BUILTIN_FMT: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '0%': 9, '0.00%': 10 };

export function argb(rgb: string): string {
  const hex = rgb.replace(/^#/, '').toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex;
}

export class StyleSheet {
  private readonly xfs = new Map<string, number>();
  private readonly xfXml: string[] = [];
  private readonly fonts = new Map<string, number>();
  private readonly fills = new Map<string, number>();
  private readonly numFmts = new Map<string, number>();
  private readonly dxfs: string[] = [];
  private readonly dxfIds = new Map<string, number>();

  constructor() {
    this.font({});
    this.fills.set('none', 0);
    this.fills.set('gray125', 1);
    this.style({});
  }

  /** The cellXfs index of a style. */
  style(s: CellStyle): number {
    const key = `${s.bold ? 1 : 0}|${s.size ?? ''}|${s.color ?? ''}|${s.underline ? 1 : 0}|${s.fill ?? ''}|${s.border ? 1 : 0}|${s.wrap ? 1 : 0}|${s.h ?? ''}|${s.v ?? ''}|${s.numFmt ?? ''}|${s.locked === false ? 0 : 1}`;
    const hit = this.xfs.get(key);
    if (hit !== undefined) return hit;
    const fontId = this.font(s);
    const fillId = s.fill ? this.fill(s.fill) : 0;
    const borderId = s.border ? 1 : 0;
    const fmtId = s.numFmt ? this.numFmt(s.numFmt) : 0;
    const align = s.wrap || s.h || s.v ? `<alignment${s.h ? ` horizontal="${s.h}"` : ''}${s.v ? ` vertical="${s.v}"` : ''}${s.wrap ? ' wrapText="1"' : ''}/>` : '';
    const protection = s.locked === false ? '<protection locked="0"/>' : '';
    const attrs = `numFmtId="${fmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${fmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}${align ? ' applyAlignment="1"' : ''}${protection ? ' applyProtection="1"' : ''}`;
    const id = this.xfXml.length;
    this.xfXml.push(align || protection ? `<xf ${attrs}>${align}${protection}</xf>` : `<xf ${attrs}/>`);
    this.xfs.set(key, id);
    return id;
  }

  /** The dxf index of a conditional-format look. */
  diff(d: DiffStyle): number {
    const key = `${d.fill}|${d.font ?? ''}`;
    const hit = this.dxfIds.get(key);
    if (hit !== undefined) return hit;
    const font = d.font ? `<font><color rgb="${argb(d.font)}"/></font>` : '';
    this.dxfs.push(`<dxf>${font}<fill><patternFill patternType="solid"><bgColor rgb="${argb(d.fill)}"/></patternFill></fill></dxf>`);
    this.dxfIds.set(key, this.dxfs.length - 1);
    return this.dxfs.length - 1;
  }

  private font(s: CellStyle): number {
    const key = `${s.bold ? 1 : 0}|${s.size ?? 11}|${s.color ?? ''}|${s.underline ? 1 : 0}`;
    const hit = this.fonts.get(key);
    if (hit !== undefined) return hit;
    this.fonts.set(key, this.fonts.size);
    return this.fonts.size - 1;
  }

  private fill(rgb: string): number {
    const hit = this.fills.get(rgb);
    if (hit !== undefined) return hit;
    this.fills.set(rgb, this.fills.size);
    return this.fills.size - 1;
  }

  private numFmt(code: string): number {
    const builtin = BUILTIN_FMT[code];
    if (builtin !== undefined) return builtin;
    const hit = this.numFmts.get(code);
    if (hit !== undefined) return hit;
    const id = 164 + this.numFmts.size;
    this.numFmts.set(code, id);
    return id;
  }

  xml(): string {
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join('');
    const fonts = [...this.fonts.keys()].map((k) => {
      const [bold, size, color, underline] = k.split('|');
      return `<font>${bold === '1' ? '<b/>' : ''}${underline === '1' ? '<u/>' : ''}<sz val="${size}"/>${color ? `<color rgb="${argb(color)}"/>` : '<color theme="1"/>'}<name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font>`;
    });
    const fills = [...this.fills.keys()].map((k) =>
      k === 'none' || k === 'gray125' ? `<fill><patternFill patternType="${k}"/></fill>` : `<fill><patternFill patternType="solid"><fgColor rgb="${argb(k)}"/><bgColor indexed="64"/></patternFill></fill>`,
    );
    const thin = '<color rgb="FFBFBFBF"/>';
    const borders = `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin">${thin}</left><right style="thin">${thin}</right><top style="thin">${thin}</top><bottom style="thin">${thin}</bottom><diagonal/></border></borders>`;
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (this.numFmts.size ? `<numFmts count="${this.numFmts.size}">${numFmts}</numFmts>` : '') +
      `<fonts count="${fonts.length}">${fonts.join('')}</fonts>` +
      `<fills count="${fills.length}">${fills.join('')}</fills>` +
      borders +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfXml.length}">${this.xfXml.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      `<dxfs count="${this.dxfs.length}">${this.dxfs.join('')}</dxfs>` +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}
