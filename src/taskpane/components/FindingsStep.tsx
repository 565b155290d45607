import { useId, useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  Select,
  Text,
  makeStyles,
  tokens,
  mergeClasses,
} from '@fluentui/react-components';
import type { Finding, Severity } from '../../core/findings';
import { RULE_TITLES } from '../../core/rules/titles';
import type { CheckOutput } from '../engine/client';
import type { WorkbookPort } from '../port';
import { useT } from '../i18n';

const PAGE = 100;
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const COLORS: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

const useStyles = makeStyles({
  filters: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'flex-end', margin: '8px 0' },
  // Filters shrink with the pane (200 % zoom) instead of pushing it wider.
  filter: { flex: '1 1 120px', minWidth: 0, maxWidth: '100%' },
  control: { minWidth: 0, width: '100%' },
  unit: { marginTop: '10px', borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: '6px' },
  unitName: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, margin: '0 0 2px' },
  summary: { outline: 'none', ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  item: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    border: 'none',
    background: 'none',
    padding: '4px 6px',
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    font: 'inherit',
    color: 'inherit',
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  active: { backgroundColor: tokens.colorBrandBackground2 },
  where: { color: tokens.colorNeutralForeground3 },
  detail: { margin: '2px 6px 6px', padding: '6px 8px', backgroundColor: tokens.colorNeutralBackground3, borderRadius: tokens.borderRadiusMedium },
});

export interface FindingsStepProps {
  check: CheckOutput | null;
  counts: Record<Severity, number>;
  port: WorkbookPort;
}

interface Group {
  unit: string;
  items: { f: Finding; i: number }[];
}

/** The rule's title for people; never its id. */
export function ruleTitle(rule: string): string {
  return RULE_TITLES[rule] ?? '';
}

/** Where a finding is: file, sheet and cell when known; the unit when there is no cell. */
export function findingPlace(f: Finding): string {
  const parts = [f.file ? f.file.replace(/^.*[\\/]/, '') : null, f.sheet, f.cell].filter((p): p is string => !!p);
  if (!f.cell && f.unit) parts.push(f.unit);
  return parts.join(' · ');
}

export function FindingsStep({ check, counts, port }: FindingsStepProps) {
  const t = useT();
  const styles = useStyles();
  const [severity, setSeverity] = useState<'all' | Severity>('all');
  const [unit, setUnit] = useState<string>('all');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<number | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const [limit, setLimit] = useState(PAGE);
  const base = useId();
  const noUnit = t('check.noUnit');

  const units = useMemo(() => [...new Set((check?.findings ?? []).map((f) => f.unit ?? noUnit))].sort((a, b) => a.localeCompare(b, 'zh-CN')), [check, noUnit]);

  const { groups, shown, total } = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matches = (check?.findings ?? [])
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => (severity === 'all' || f.severity === severity) && (unit === 'all' || (f.unit ?? noUnit) === unit))
      .filter(({ f }) => !q || `${f.message} ${f.file ?? ''} ${ruleTitle(f.rule)} ${f.sheet ?? ''}`.toLowerCase().includes(q));
    const byUnit = new Map<string, Group>();
    let shown = 0;
    for (const m of matches) {
      if (shown >= limit) break;
      const key = m.f.unit ?? noUnit;
      const g = byUnit.get(key) ?? { unit: key, items: [] };
      g.items.push(m);
      byUnit.set(key, g);
      shown++;
    }
    for (const g of byUnit.values()) g.items.sort((a, b) => SEVERITIES.indexOf(a.f.severity) - SEVERITIES.indexOf(b.f.severity) || a.i - b.i);
    return { groups: [...byUnit.values()], shown, total: matches.length };
  }, [check, severity, unit, query, limit, noUnit]);

  if (!check) return <Caption1>{t('check.needImport')}</Caption1>;

  const jump = async (f: Finding, i: number) => {
    setActive(i);
    setDetail(null);
    const target = check.targets[i];
    try {
      if (target && (await port.selectCell(target.sheet, target.cell))) {
        setDetail(t('check.jumped', { sheet: target.sheet, cell: target.cell }));
        return;
      }
      if (f.sheet && (await port.selectCell(f.sheet, f.cell))) {
        setDetail(t('check.jumped', { sheet: f.sheet, cell: f.cell ?? 'A1' }));
        return;
      }
    } catch {
      // fall through to showing where it is
    }
    const place = [
      f.file ? t('check.at.file', { file: f.file.replace(/^.*[\\/]/, '') }) : null,
      f.sheet ? t('check.at.sheet', { sheet: f.sheet }) : null,
      f.cell ? t('check.at.cell', { cell: f.cell }) : null,
    ].filter(Boolean);
    setDetail(f.file ? t('check.notInWorkbook', { place: place.join(t('check.at.sep')) }) : t('check.noFile', { unit: f.unit ?? noUnit }));
  };

  const unitCounts = new Map<string, { errors: number; warnings: number }>();
  for (const u of check.units) unitCounts.set(u.unit, { errors: u.errors, warnings: u.warnings });

  return (
    <section aria-label={t('step.check')}>
      <Text as="p" tabIndex={-1} className={styles.summary} data-testid="check-summary">{t('check.summary', { errors: counts.error, warnings: counts.warning, infos: counts.info, units: check.units.length })}</Text>
      <div className={styles.filters}>
        <Field className={styles.filter} label={t('check.filter.severity')} size="small">
          <Select className={styles.control} size="small" value={severity} onChange={(_, d) => {
              setSeverity(d.value as 'all' | Severity);
              setLimit(PAGE);
            }} data-testid="filter-severity">
            <option value="all">{t('check.filter.all')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`severity.${s}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.filter} label={t('check.filter.unit')} size="small">
          <Select className={styles.control} size="small" value={unit} onChange={(_, d) => {
              setUnit(d.value);
              setLimit(PAGE);
            }} data-testid="filter-unit">
            <option value="all">{t('check.filter.all')}</option>
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.filter} label={t('check.filter.search')} size="small">
          <Input className={styles.control} size="small" value={query} onChange={(_, d) => {
              setQuery(d.value);
              setLimit(PAGE);
            }} data-testid="filter-search" />
        </Field>
      </div>
      {total === 0 ? <Caption1>{t('check.none')}</Caption1> : null}
      <div data-testid="findings">
        {groups.map((g) => {
          const c = unitCounts.get(g.unit);
          return (
            <div key={g.unit} className={styles.unit} data-unit={g.unit}>
              <h2 className={styles.unitName}>{c ? t('check.unitLine', { unit: g.unit, errors: c.errors, warnings: c.warnings }) : g.unit}</h2>
              {g.items.map(({ f, i }) => (
                <div key={i}>
                  <button
                    type="button"
                    className={mergeClasses(styles.item, active === i && styles.active)}
                    onClick={() => void (active === i ? setActive(null) : jump(f, i))}
                    aria-expanded={active === i}
                    aria-controls={active === i ? `${base}-detail` : undefined}
                    data-testid="finding"
                    data-rule={f.rule}
                  >
                    <Badge size="small" appearance="filled" color={COLORS[f.severity]}>
                      {t(`severity.${f.severity}`)}
                    </Badge>{' '}
                    <Text size={200}>{f.message}</Text>
                    <br />
                    <Caption1 className={styles.where}>{[findingPlace(f), ruleTitle(f.rule)].filter(Boolean).join(' · ')}</Caption1>
                  </button>
                  {active === i ? (
                    <div className={styles.detail} id={`${base}-detail`} data-testid="finding-detail">
                      <Caption1>{detail ?? t('busy')}</Caption1>
                      {f.suggestion ? (
                        <>
                          <br />
                          <Caption1>{f.suggestion}</Caption1>
                        </>
                      ) : null}
                    </div>
                  ) : null}
                </div>
              ))}
            </div>
          );
        })}
      </div>
      {total > shown ? (
        <Button size="small" appearance="subtle" onClick={() => setLimit((l) => l + PAGE)} data-testid="more-findings">
          {t('check.more', { n: total - shown })}
        </Button>
      ) : null}
    </section>
  );
}
