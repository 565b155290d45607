/**
 * One place for parameters: the zod schema (scoring/params.ts) types the run, the 参数 sheet, the
 * pane's settings and the CLI's defaults. A run resolves them once, before checking:
 * defaults < 参数 sheet < explicit values (CLI flags, pane settings changed from the default).
 */
import { z } from 'zod';
import type { CheckOptions } from './check';
import { todayIso } from './normalize/date';
import { PARAM_DEFAULTS, ParamsObject, type Params, type ParamsInput } from './scoring/params';
import { isIsoDate } from './scoring/util';
import type { Roster } from './units';

export { PARAM_DEFAULTS, ParamsSchema, makeParams, type Params, type ParamsInput } from './scoring/params';

/** The pane's settings: the parameters it shows, plus two pane-only fields. */
export const SettingsSchema = ParamsObject.pick({ asOf: true, staleWarnDays: true, staleErrorDays: true, bigvThreshold: true, rectifyDays: true, websiteDomain: true })
  .extend({
    /** Filing deadline (YYYY-MM-DD) or empty. */
    deadline: z.string().refine((s) => s === '' || isIsoDate(s), '应为 YYYY-MM-DD 日期').default(''),
    /** Also write one printable 整改通知 sheet per unit. */
    notices: z.boolean().default(false),
    /** School name for blank templates. */
    school: z.string().default(''),
  })
  .refine((s) => s.staleWarnDays <= s.staleErrorDays, { message: '更新预警天数不能大于更新超期天数', path: ['staleErrorDays'] });

export type Settings = z.infer<typeof SettingsSchema>;

export function defaultSettings(now: Date = new Date()): Settings {
  return SettingsSchema.parse({ asOf: todayIso(now) });
}

const SETTING_PARAMS = ['staleWarnDays', 'staleErrorDays', 'bigvThreshold', 'rectifyDays'] as const;

/**
 * The settings as parameter overrides. A setting left at its default does not override a 参数
 * sheet; the inspection date always applies.
 */
export function settingsToParams(s: Settings): ParamsInput {
  const out: ParamsInput = { asOf: s.asOf };
  if (s.deadline) out.deadline = s.deadline;
  for (const k of SETTING_PARAMS) if (s[k] !== PARAM_DEFAULTS[k]) out[k] = s[k];
  if (s.websiteDomain) out.websiteDomain = s.websiteDomain;
  return out;
}

/** What the checker needs of the parameters (thresholds, date, required forms). */
export function checkOptionsOf(p: Params, roster: Roster | null): CheckOptions {
  return {
    asOf: p.asOf,
    deadline: p.deadline,
    roster,
    staleWarnDays: p.staleWarnDays,
    staleErrorDays: p.staleErrorDays,
    bigvThreshold: p.bigvThreshold,
    websiteDomain: p.websiteDomain,
    requiredForms: p.requiredForms,
  };
}

/** Drops undefined values (CLI flags not given), so they never hide a lower layer. */
export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
