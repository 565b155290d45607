import { useRef, useState, type DragEvent } from 'react';
import {
  Button,
  Caption1,
  Field,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  shorthands,
  tokens,
} from '@fluentui/react-components';
import type { CheckOutput } from '../engine/client';
import { FilePickButton } from './FilePickButton';
import type { WorkbookPort } from '../port';
import { useT, type MessageKey } from '../i18n';

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'parsing' | 'checking'; done: number; total: number; file?: string }
  | { phase: 'done'; summary: string };

const ACCEPT = '.xlsx,.xlsm,.csv,.xls,.et,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
const MAX_ROWS = 200;

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: '10px' },
  drop: {
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: '18px 12px',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: '8px',
    textAlign: 'center',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  over: { ...shorthands.borderColor(tokens.colorBrandStroke1), backgroundColor: tokens.colorBrandBackground2 },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  table: { tableLayout: 'auto' },
  hidden: { display: 'none' },
  bad: { color: tokens.colorPaletteRedForeground1 },
});

export interface ImportStepProps {
  state: ImportState;
  busy: boolean;
  files: CheckOutput['files'];
  port: WorkbookPort;
  onFiles: (files: File[]) => void;
  onReset: () => void;
  onOpened: (sheets: number) => void;
  onError: (e: unknown) => void;
}

export function ImportStep({ state, busy, files, port, onFiles, onReset, onOpened, onError }: ImportStepProps) {
  const t = useT();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (busy) return;
    onFiles(Array.from(e.dataTransfer.files));
  };

  return (
    <section className={styles.section} aria-label={t('step.import')}>
      <div
        className={`${styles.drop} ${over ? styles.over : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <Text>{t('import.drop')}</Text>
        <Button appearance="primary" disabled={busy} onClick={() => input.current?.click()}>
          {t('import.choose')}
        </Button>
        <input
          ref={input}
          className={styles.hidden}
          type="file"
          multiple
          accept={ACCEPT}
          data-testid="file-input"
          onChange={(e) => {
            const list = Array.from(e.target.files ?? []);
            e.target.value = '';
            onFiles(list);
          }}
        />
        <Caption1>{t('import.accepts')}</Caption1>
      </div>

      {state.phase === 'parsing' || state.phase === 'checking' ? (
        <Field
          validationMessage={state.phase === 'parsing' ? t('import.progress', { done: state.done, total: state.total }) : t('import.checking')}
          validationState="none"
          data-testid="progress"
        >
          <ProgressBar value={state.phase === 'parsing' && state.total ? state.done / state.total : undefined} />
        </Field>
      ) : null}
      {state.phase === 'done' ? (
        <p data-testid="import-summary">
          <Text>{state.summary}</Text>
        </p>
      ) : null}

      <div className={styles.row}>
        {files.length ? (
          <Button size="small" onClick={onReset} disabled={busy}>
            {t('import.reset')}
          </Button>
        ) : null}
        {port.openExisting ? (
          <FilePickButton
            accept=".xlsx"
            disabled={busy}
            buttonTestId="open-existing"
            inputTestId="existing-input"
            onFile={(f) => {
              if (f && port.openExisting) port.openExisting(f).then((names) => onOpened(names.length), onError);
            }}
          >
            {t('web.open')}
          </FilePickButton>
        ) : null}
      </div>

      {files.length ? (
        <Table size="extra-small" className={styles.table} data-testid="file-table" aria-label={t('import.files')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('import.files')}</TableHeaderCell>
              <TableHeaderCell>{t('import.unit')}</TableHeaderCell>
              <TableHeaderCell>{t('import.status')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {files.slice(0, MAX_ROWS).map((f) => (
              <TableRow key={`${f.file}|${f.sha256}`} data-file={f.file}>
                <TableCell>{f.file}</TableCell>
                <TableCell>{f.unit ?? '—'}</TableCell>
                <TableCell className={f.status === 'rejected' ? styles.bad : undefined}>{t(`status.${f.status}` as MessageKey)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : state.phase === 'idle' ? (
        <Caption1>{t('import.empty')}</Caption1>
      ) : null}
      {files.length > MAX_ROWS ? <Caption1>{t('import.more', { n: files.length - MAX_ROWS })}</Caption1> : null}
    </section>
  );
}
