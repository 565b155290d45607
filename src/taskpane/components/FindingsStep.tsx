import { useMemo, useState } from 'react';
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
} from '@fluentui/react-components';
import type { Finding, Severity } from '../../core/findings';
import type { CheckOutput } from '../engine/client';
import type { WorkbookPort } from '../port';
import { useT } from '../i18n';

const PAGE = 100;
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const COLORS: Record<Severity, 'danger' | 'warning' | 'informative'> = { error: 'danger', warning: 'warning', info: 'informative' };

const useStyles = makeStyles({
  filters: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'flex-end', margin: '8px 0' },
  unit: { marginTop: '10px', borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: '6px' },
  unitName: { fontWeight: tokens.fontWeightSemibold },
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

export function FindingsStep({ check, counts, port }: FindingsStepProps) {
  const t = useT();
  const styles = useStyles();
  const [severity, setSeverity] = useState<'all' | Severity>('all');
  const [unit, setUnit] = useState<string>('all');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState<number | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const [limit, setLimit] = useState(PAGE);

  const units = useMemo(() => [...new Set((check?.findings ?? []).map((f) => f.unit ?? '—'))].sort((a, b) => a.localeCompare(b, 'zh-CN')), [check]);

  const { groups, shown, total } = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matches = (check?.findings ?? [])
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => (severity === 'all' || f.severity === severity) && (unit === 'all' || (f.unit ?? '—') === unit))
      .filter(({ f }) => !q || `${f.message} ${f.file ?? ''} ${f.rule} ${f.sheet ?? ''}`.toLowerCase().includes(q));
    const byUnit = new Map<string, Group>();
    let shown = 0;
    for (const m of matches) {
      if (shown >= limit) break;
      const key = m.f.unit ?? '—';
      const g = byUnit.get(key) ?? { unit: key, items: [] };
      g.items.push(m);
      byUnit.set(key, g);
      shown++;
    }
    for (const g of byUnit.values()) g.items.sort((a, b) => SEVERITIES.indexOf(a.f.severity) - SEVERITIES.indexOf(b.f.severity) || a.i - b.i);
    return { groups: [...byUnit.values()], shown, total: matches.length };
  }, [check, severity, unit, query, limit]);

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
    setDetail(t('check.notInWorkbook', { file: f.file ?? '—', sheet: f.sheet ?? '—', cell: f.cell ?? '—' }));
  };

  const unitCounts = new Map<string, { errors: number; warnings: number }>();
  for (const u of check.units) unitCounts.set(u.unit, { errors: u.errors, warnings: u.warnings });

  return (
    <section aria-label={t('step.check')}>
      <Text data-testid="check-summary">{t('check.summary', { errors: counts.error, warnings: counts.warning, infos: counts.info, units: check.units.length })}</Text>
      <div className={styles.filters}>
        <Field label={t('check.filter.severity')} size="small">
          <Select size="small" value={severity} onChange={(_, d) => {
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
        <Field label={t('check.filter.unit')} size="small">
          <Select size="small" value={unit} onChange={(_, d) => {
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
        <Field label={t('check.filter.search')} size="small">
          <Input size="small" value={query} onChange={(_, d) => {
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
              <div className={styles.unitName}>{c ? t('check.unitLine', { unit: g.unit, errors: c.errors, warnings: c.warnings }) : g.unit}</div>
              {g.items.map(({ f, i }) => (
                <div key={i}>
                  <button type="button" className={`${styles.item} ${active === i ? styles.active : ''}`} onClick={() => void jump(f, i)} data-testid="finding" data-rule={f.rule}>
                    <Badge size="small" appearance="filled" color={COLORS[f.severity]}>
                      {t(`severity.${f.severity}`)}
                    </Badge>{' '}
                    <Text size={200}>{f.message}</Text>
                    <br />
                    <Caption1 className={styles.where}>
                      {t('check.where', { file: (f.file ?? '—').replace(/^.*[\\/]/, ''), sheet: f.sheet ?? '—', cell: f.cell ?? '—' })} · {f.rule}
                    </Caption1>
                  </button>
                  {active === i && detail ? (
                    <div className={styles.detail} data-testid="finding-detail">
                      <Caption1>{detail}</Caption1>
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
