/** The live result views: the 未评分 banner, 汇总与排名 and 整改 (no "generate" buttons). */
import {
  Caption1,
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
  mergeClasses,
} from '@fluentui/react-components';
import type { RankRow } from '../engine/client';
import { useT } from '../i18n';
import { StatusText } from './Live';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '10px', minWidth: 0 },
  banner: {
    padding: '8px 10px',
    borderRadius: tokens.borderRadiusMedium,
    borderLeft: `4px solid ${tokens.colorPaletteDarkOrangeBorder2}`,
    backgroundColor: tokens.colorPaletteYellowBackground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  scroller: { maxWidth: '100%', overflowX: 'auto' },
  cell: { wordBreak: 'keep-all', overflowWrap: 'normal' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** "评分未完成：n 个单位未评分" until every unit is scored (a polite status: it changes as scores come in). */
export function UnscoredBanner({ unscored }: { unscored: string[] }) {
  const t = useT();
  const styles = useStyles();
  return (
    <StatusText testId="unscored-status">
      {unscored.length ? (
        <div className={styles.banner} data-testid="unscored-banner">
          {t('unscored.banner', { n: unscored.length })}
        </div>
      ) : null}
    </StatusText>
  );
}

export function RankingStep({ ranking, unscored }: { ranking: RankRow[] | null; unscored: string[] }) {
  const t = useT();
  const styles = useStyles();
  if (!ranking) return <Caption1>{t('needScoring')}</Caption1>;
  const ranked = ranking.filter((r) => r.status !== t('unscored.status') && r.rank !== null && !unscored.includes(r.unit));
  const rows: { unit: string; rank: string; score: string; grade: string; unscored: boolean }[] = [
    ...ranked.map((r) => ({ unit: r.unit, rank: String(r.rank), score: r.score === null ? '' : r.score.toFixed(2), grade: r.grade, unscored: false })),
    ...unscored.map((u) => ({ unit: u, rank: '', score: '', grade: t('unscored.status'), unscored: true })),
  ];
  return (
    <section className={styles.section} aria-label={t('step.ranking')}>
      <Text>{t('ranking.intro')}</Text>
      <UnscoredBanner unscored={unscored} />
      <StatusText testId="ranking-done">{t('ranking.done', { units: ranked.length })}</StatusText>
      {rows.length ? (
        <div className={styles.scroller} role="region" tabIndex={0} aria-label={t('ranking.table')}>
          <Table size="extra-small" data-testid="ranking-table" aria-label={t('ranking.table')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('ranking.rank')}</TableHeaderCell>
                <TableHeaderCell>{t('ranking.unit')}</TableHeaderCell>
                <TableHeaderCell>{t('ranking.score')}</TableHeaderCell>
                <TableHeaderCell>{t('ranking.grade')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.slice(0, 200).map((r) => (
                <TableRow key={r.unit} data-unit={r.unit}>
                  <TableCell>{r.rank}</TableCell>
                  <TableCell className={styles.cell}>{r.unit}</TableCell>
                  <TableCell>{r.score}</TableCell>
                  <TableCell className={mergeClasses(styles.cell, r.unscored && styles.muted)}>{r.grade}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}

export function RectifyStep({
  facts,
  notices,
  onNotices,
}: {
  facts: { items: number; open: number; units: number } | null;
  notices: boolean;
  onNotices: (v: boolean) => void;
}) {
  const t = useT();
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={t('step.rectify')}>
      <Text>{t('rectify.intro')}</Text>
      {!facts ? <Caption1>{t('needScoring')}</Caption1> : null}
      <Checkbox checked={notices} onChange={(_, d) => onNotices(!!d.checked)} label={t('rectify.notices')} data-testid="notices" />
      <StatusText testId="rectify-done">{facts ? t('rectify.done', { items: facts.items, units: facts.units, open: facts.open }) : null}</StatusText>
    </section>
  );
}
