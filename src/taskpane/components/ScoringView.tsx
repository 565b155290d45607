/**
 * The scoring view: pick a unit, then score every indicator of the rubric (its 评分标准 and
 * maximum beside the entry) with a note. Entries go to the engine one at a time; the engine
 * refuses out-of-range values with a message, shown at the entry. Enter moves to the next
 * indicator. The unit's websites are links to open while scoring.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Caption1, Field, Input, Link, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Rubric } from '../../core/scoring/rubric';
import { ROUND_NAMES, type Round, type ScoreEntry } from '../../core/scoring/scores';
import type { EntryInput } from '../../core/pipelineSession';
import { useT } from '../i18n';
import { StatusText } from './Live';

export interface ScoringUnitView {
  unit: string;
  category: string | null;
  websites: { name: string; url: string }[];
}

/** One entry as the pane sends it (the engine's own type); `value: null` clears it. */
export type ScoreInput = EntryInput;

export interface ScoringViewProps {
  rubric: Rubric;
  units: ScoringUnitView[];
  /** Every entry that counts (score workbooks, an earlier result, typed here). */
  entries: ScoreEntry[];
  inspector: string;
  round: Round;
  onInspector: (name: string) => void;
  onRound: (round: Round) => void;
  /** Sets or clears one entry; resolves to the refusal message, or null when accepted. */
  onSet: (entry: ScoreInput) => Promise<string | null>;
  busy?: boolean;
}

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '10px', minWidth: 0 },
  pickers: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'flex-start' },
  picker: { flex: '1 1 130px', minWidth: 0, maxWidth: '100%' },
  control: { minWidth: 0, width: '100%' },
  sites: { margin: 0, paddingLeft: '18px', overflowWrap: 'anywhere' },
  list: { display: 'flex', flexDirection: 'column', gap: '10px', margin: 0, padding: 0, listStyle: 'none' },
  item: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: '8px', display: 'flex', flexDirection: 'column', gap: '4px', minWidth: 0 },
  name: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, margin: 0 },
  standard: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  entries: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'flex-start' },
  score: { flex: '0 1 110px', minWidth: 0 },
  note: { flex: '1 1 160px', minWidth: 0 },
  heading: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '4px 0 0' },
});

const key = (unit: string, indicatorId: string) => `${unit}\u0000${indicatorId}`;

/** A link target for a 网址 as units type it (with or without the scheme); null when it is not an address. */
export function href(url: string): string | null {
  const u = url.trim();
  if (/^https?:\/\/\S+$/i.test(u)) return u;
  if (/^[\w-]+(\.[\w-]+)+(:\d+)?(\/\S*)?$/.test(u)) return `http://${u}`;
  return null;
}

/** Half-point text for a number (12 → "12", 7.5 → "7.5"). */
const fmt = (n: number) => String(Math.round(n * 2) / 2);

/** Units whose every indicator has an entry by this inspector in this round. */
export function scoredUnits(entries: readonly ScoreEntry[], rubric: Rubric, inspector: string, round: Round, units: readonly string[]): Set<string> {
  const known = new Set(units);
  const have = new Map<string, Set<string>>();
  for (const e of entries) {
    if (e.round !== round || e.inspector !== inspector || !known.has(e.unit)) continue;
    const s = have.get(e.unit) ?? new Set<string>();
    s.add(e.indicatorId);
    have.set(e.unit, s);
  }
  return new Set([...have].filter(([, s]) => rubric.indicators.every((i) => s.has(i.id))).map(([u]) => u));
}

export function ScoringView({ rubric, units, entries, inspector, round, onInspector, onRound, onSet, busy = false }: ScoringViewProps) {
  const t = useT();
  const styles = useStyles();
  const [unit, setUnit] = useState(units[0]?.unit ?? '');
  const [name, setName] = useState(inspector);
  const current = units.find((u) => u.unit === unit) ?? units[0];

  useEffect(() => {
    if (!units.some((u) => u.unit === unit) && units[0]) setUnit(units[0].unit);
  }, [units, unit]);

  const mine = useMemo(() => {
    const m = new Map<string, ScoreEntry>();
    for (const e of entries) if (e.round === round && e.inspector === inspector) m.set(key(e.unit, e.indicatorId), e);
    return m;
  }, [entries, round, inspector]);
  const done = useMemo(() => scoredUnits(entries, rubric, inspector, round, units.map((u) => u.unit)), [entries, rubric, inspector, round, units]);

  if (!units.length) return <Caption1>{t('needScoring')}</Caption1>;

  const total = current ? rubric.indicators.reduce((s, i) => s + (mine.get(key(current.unit, i.id))?.score ?? 0), 0) : 0;

  return (
    <section className={styles.section} aria-label={t('score.view')}>
      <div className={styles.pickers}>
        <Field className={styles.picker} label={t('score.inspector')} hint={inspector ? undefined : t('score.inspectorHint')}>
          <Input
            className={styles.control}
            value={name}
            onChange={(_, d) => setName(d.value)}
            onBlur={() => name.trim() !== inspector && onInspector(name.trim())}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onInspector(name.trim());
            }}
            data-testid="inspector"
          />
        </Field>
        <Field className={styles.picker} label={t('score.round')}>
          <Select className={styles.control} value={String(round)} onChange={(_, d) => onRound(Number(d.value) as Round)} data-testid="round">
            {([1, 2] as Round[]).map((r) => (
              <option key={r} value={r}>
                {ROUND_NAMES[r]}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.picker} label={t('score.unit')}>
          <Select className={styles.control} value={current?.unit ?? ''} onChange={(_, d) => setUnit(d.value)} data-testid="score-unit">
            {units.map((u) => (
              <option key={u.unit} value={u.unit}>
                {done.has(u.unit) ? t('score.unitDone', { unit: u.unit }) : u.unit}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <StatusText testId="score-progress">
        {/* Without an inspector, the hint under the name field says what to do (once). */}
        {inspector ? t('score.progress', { inspector, round: ROUND_NAMES[round], n: done.size, m: units.length }) : ''}
      </StatusText>

      {current ? (
        <>
          <h2 className={styles.heading}>{t('score.unitHeading', { unit: current.unit, total: fmt(total), max: fmt(rubric.total) })}</h2>
          <div data-testid="websites">
            {current.websites.length ? (
              <ul className={styles.sites} aria-label={t('score.websites')}>
                {current.websites.map((w, i) => (
                  <li key={`${w.url}|${i}`}>
                    {href(w.url) ? (
                      <Link href={href(w.url)!} target="_blank" rel="noopener noreferrer">
                        {w.name ? `${w.name}（${w.url}）` : w.url}
                      </Link>
                    ) : (
                      <Text>{[w.name, w.url].filter(Boolean).join('：')}</Text>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <Caption1>{t('score.noWebsites')}</Caption1>
            )}
          </div>
          <IndicatorList key={`${current.unit}|${round}|${inspector}`} rubric={rubric} unit={current.unit} round={round} inspector={inspector} mine={mine} onSet={onSet} busy={busy} />
        </>
      ) : null}
    </section>
  );
}

interface ListProps {
  rubric: Rubric;
  unit: string;
  round: Round;
  inspector: string;
  mine: Map<string, ScoreEntry>;
  onSet: ScoringViewProps['onSet'];
  busy: boolean;
}

function IndicatorList({ rubric, unit, round, inspector, mine, onSet, busy }: ListProps) {
  const t = useT();
  const styles = useStyles();
  const list = useRef<HTMLOListElement>(null);
  /** What was last sent per indicator, so Enter followed by blur does not send twice. */
  const sent = useRef(new Map<string, string>());
  const saved = (id: string) => mine.get(key(unit, id));
  const [drafts, setDrafts] = useState<Record<string, { value: string; note: string }>>(() =>
    Object.fromEntries(rubric.indicators.map((i) => [i.id, { value: saved(i.id) ? fmt(saved(i.id)!.score) : '', note: saved(i.id)?.note ?? '' }])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const base = useId();

  const commit = async (id: string, next?: { value?: string; note?: string }): Promise<boolean> => {
    const d = { ...drafts[id]!, ...next };
    const old = saved(id);
    const text = d.value.trim().replace(/，|。/g, '.');
    if (!text && !old) {
      setErrors((e) => ({ ...e, [id]: '' }));
      return true;
    }
    if (old && text && Number(text) === old.score && d.note === old.note) return true;
    const value = text ? Number(text) : null;
    const sig = `${value}|${d.note}`;
    if (sent.current.get(id) === sig && !errors[id]) return true;
    if (value !== null && !Number.isFinite(value)) {
      setErrors((e) => ({ ...e, [id]: t('score.notNumber') }));
      return false;
    }
    if (!inspector) {
      setErrors((e) => ({ ...e, [id]: t('score.inspectorHint') }));
      return false;
    }
    sent.current.set(id, sig);
    const refused = await onSet({ unit, indicatorId: id, round, inspector, value, note: d.note });
    if (refused) sent.current.delete(id);
    setErrors((e) => ({ ...e, [id]: refused ?? '' }));
    return !refused;
  };

  const onKey = async (e: KeyboardEvent<HTMLInputElement>, i: number, id: string) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (await commit(id)) list.current?.querySelectorAll<HTMLInputElement>('input[data-score]')[i + 1]?.focus();
  };

  return (
    <ol ref={list} className={styles.list} aria-label={t('score.indicators')} data-testid="indicators">
      {rubric.indicators.map((ind, i) => {
        const d = drafts[ind.id] ?? { value: '', note: '' };
        const err = errors[ind.id];
        const stdId = `${base}-std-${i}`;
        const nameId = `${base}-name-${i}`;
        return (
          <li key={ind.id} data-indicator={ind.id}>
            <div className={styles.item} role="group" aria-labelledby={nameId} aria-describedby={stdId}>
            <h3 id={nameId} className={styles.name}>{t('score.indicator', { level1: ind.level1, level2: ind.level2, max: fmt(ind.max) })}</h3>
            <Caption1 id={stdId} className={styles.standard}>
              {t('score.standard', { text: ind.standard })}
            </Caption1>
            <div className={styles.entries}>
              <Field className={styles.score} label={t('score.value', { max: fmt(ind.max) })} validationMessage={err || undefined} validationState={err ? 'error' : 'none'}>
                <Input
                  className={styles.control}
                  data-score=""
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={ind.max}
                  step={0.5}
                  value={d.value}
                  readOnly={busy}
                  onChange={(_, v) => setDrafts((x) => ({ ...x, [ind.id]: { ...d, value: v.value } }))}
                  onBlur={() => void commit(ind.id)}
                  onKeyDown={(e) => void onKey(e, i, ind.id)}
                  data-testid={`score-${ind.id}`}
                />
              </Field>
              <Field className={styles.note} label={t('score.note')}>
                <Input
                  className={styles.control}
                  value={d.note}
                  onChange={(_, v) => setDrafts((x) => ({ ...x, [ind.id]: { ...d, note: v.value } }))}
                  onBlur={() => void (d.value.trim() ? commit(ind.id) : undefined)}
                  data-testid={`note-${ind.id}`}
                />
              </Field>
            </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
