import { useState } from 'react';
import { Button, Caption1, Field, Input, makeStyles } from '@fluentui/react-components';
import { settingsProblems, type Settings } from '../settings';
import { useT, type MessageKey } from '../i18n';
import { FilePickButton } from './FilePickButton';

const useStyles = makeStyles({
  // min(): one column when the pane is narrower than 200 px (zoomed), never a horizontal scroll.
  form: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(200px, 100%), 1fr))', gap: '10px', alignItems: 'end' },
  input: { minWidth: 0, maxWidth: '100%' },
  row: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap', marginTop: '10px' },
});

export interface SettingsPanelProps {
  settings: Settings;
  rosterUnits: number | null;
  busy: boolean;
  onApply: (s: Settings) => void;
  onRoster: (file: File | null) => void;
}

const NUMBERS: [keyof Settings, MessageKey][] = [
  ['staleWarnDays', 'settings.staleWarn'],
  ['staleErrorDays', 'settings.staleError'],
  ['bigvThreshold', 'settings.bigv'],
  ['rectifyDays', 'settings.rectifyDays'],
];

export function SettingsPanel({ settings, rosterUnits, busy, onApply, onRoster }: SettingsPanelProps) {
  const t = useT();
  const styles = useStyles();
  const [draft, setDraft] = useState<Settings>(settings);
  const problems = settingsProblems(draft);
  const set = <K extends keyof Settings>(k: K, v: Settings[K]) => setDraft((d) => ({ ...d, [k]: v }));
  return (
    <section aria-label={t('step.settings')}>
      <div className={styles.form}>
        <Field label={t('settings.deadline')} validationMessage={problems.includes('settings.badDeadline') ? t('settings.badDeadline') : undefined}>
          <Input className={styles.input} type="date" value={draft.deadline} onChange={(_, d) => set('deadline', d.value)} data-testid="deadline" />
        </Field>
        {NUMBERS.map(([k, label]) => (
          <Field key={k} label={t(label)}>
            <Input className={styles.input} type="number" min={0} value={String(draft[k])} onChange={(_, d) => set(k, Number(d.value) as never)} data-testid={k} />
          </Field>
        ))}
        <Field label={t('settings.websiteDomain')} validationMessage={problems.includes('settings.badDomain') ? t('settings.badDomain') : undefined}>
          <Input className={styles.input} value={draft.websiteDomain} onChange={(_, d) => set('websiteDomain', d.value.trim().toLowerCase())} placeholder="hbjy.net" data-testid="websiteDomain" />
        </Field>
        <Field label={t('settings.school')}>
          <Input className={styles.input} value={draft.school} onChange={(_, d) => set('school', d.value)} placeholder="XX学院" />
        </Field>
      </div>
      <Caption1>{t('settings.asOfOnImport', { asOf: settings.asOf })}</Caption1>
      {document.body.dataset.hostLimits && <Caption1 data-testid="host-limits">{document.body.dataset.hostLimits}</Caption1>}
      {problems.filter((p) => !['settings.badAsOf', 'settings.badDeadline', 'settings.badDomain'].includes(p)).map((p) => (
        <Caption1 key={p}>{t(p as MessageKey)}</Caption1>
      ))}
      <div className={styles.row}>
        <Button appearance="primary" disabled={!busy && problems.length > 0} disabledFocusable={busy} onClick={() => onApply(draft)} data-testid="apply-settings">
          {t('settings.apply')}
        </Button>
      </div>
      <div className={styles.row}>
        <FilePickButton accept=".xlsx,.xlsm,.xls,.ods,.csv" busy={busy} inputTestId="roster-input" onFile={onRoster}>
          {t('settings.roster')}
        </FilePickButton>
        <Caption1 data-testid="roster-status">{rosterUnits ? t('settings.rosterLoaded', { units: rosterUnits }) : t('settings.rosterNone')}</Caption1>
      </div>
    </section>
  );
}
