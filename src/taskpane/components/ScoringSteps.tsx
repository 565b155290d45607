import {
  Button,
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
} from '@fluentui/react-components';
import type { StepOutput } from '../engine/client';
import { useT } from '../i18n';
import { StatusText } from './Live';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '10px', alignItems: 'flex-start' },
  list: { margin: 0, paddingLeft: '18px' },
});

interface StepProps {
  output: StepOutput | undefined;
  ready: boolean;
  busy: boolean;
  onRun: () => void;
}

function StepFindings({ output }: { output: StepOutput | undefined }) {
  const t = useT();
  const styles = useStyles();
  const fs = output?.findings ?? [];
  if (!fs.length) return null;
  return (
    <div data-testid="step-findings">
      <Caption1>{t('stepFindings', { n: fs.length })}</Caption1>
      <ul className={styles.list}>
        {fs.slice(0, 20).map((f, i) => (
          <li key={i}>
            <Caption1>
              {f.unit ? `${f.unit}：` : ''}
              {f.message}
            </Caption1>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ScoreStep({ output, ready, busy, onRun }: StepProps) {
  const t = useT();
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={t('step.score')}>
      <Text>{t('score.intro')}</Text>
      {!ready ? <Caption1>{t('needScoring')}</Caption1> : null}
      <Button appearance="primary" disabled={!ready} disabledFocusable={ready && busy} onClick={onRun} data-testid="run-score">
        {t('score.run')}
      </Button>
      <StatusText>{output ? <Text data-testid="score-done">{t('score.done', { units: output.facts.units ?? 0, indicators: output.facts.indicators ?? 0, scores: output.facts.scores ?? 0 })}</Text> : null}</StatusText>
      <StepFindings output={output} />
    </section>
  );
}

export function RankingStep({ output, ready, busy, onRun }: StepProps) {
  const t = useT();
  const styles = useStyles();
  const rows = output?.ranking ?? [];
  return (
    <section className={styles.section} aria-label={t('step.ranking')}>
      <Text>{t('ranking.intro')}</Text>
      {!ready ? <Caption1>{t('needScoring')}</Caption1> : null}
      <Button appearance="primary" disabled={!ready} disabledFocusable={ready && busy} onClick={onRun} data-testid="run-ranking">
        {t('ranking.run')}
      </Button>
      <StatusText>{output ? <Text data-testid="ranking-done">{t('ranking.done', { units: rows.length })}</Text> : null}</StatusText>
      {rows.length ? (
        <Table size="extra-small" data-testid="ranking-table" aria-label={t('step.ranking')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('ranking.rank')}</TableHeaderCell>
              <TableHeaderCell>{t('ranking.unit')}</TableHeaderCell>
              <TableHeaderCell>{t('ranking.score')}</TableHeaderCell>
              <TableHeaderCell>{t('ranking.grade')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.slice(0, 100).map((r) => (
              <TableRow key={r.unit}>
                <TableCell>{r.rank}</TableCell>
                <TableCell>{r.unit}</TableCell>
                <TableCell>{r.score === null ? '' : r.score.toFixed(2)}</TableCell>
                <TableCell>{r.grade}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <StepFindings output={output} />
    </section>
  );
}

export function RectifyStep({ output, ready, busy, onRun, notices, onNotices }: StepProps & { notices: boolean; onNotices: (v: boolean) => void }) {
  const t = useT();
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={t('step.rectify')}>
      <Text>{t('rectify.intro')}</Text>
      {!ready ? <Caption1>{t('needScoring')}</Caption1> : null}
      <Checkbox checked={notices} onChange={(_, d) => onNotices(!!d.checked)} label={t('rectify.notices')} data-testid="notices" />
      <Button appearance="primary" disabled={!ready} disabledFocusable={ready && busy} onClick={onRun} data-testid="run-rectify">
        {t('rectify.run')}
      </Button>
      <StatusText>{output ? <Text data-testid="rectify-done">{t('rectify.done', { items: output.facts.items ?? 0, units: output.facts.units ?? 0, open: output.facts.open ?? 0 })}</Text> : null}</StatusText>
      <StepFindings output={output} />
    </section>
  );
}
