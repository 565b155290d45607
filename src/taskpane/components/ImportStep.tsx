import { useCallback, useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import {
  Button,
  Caption1,
  Field,
  Input,
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
  mergeClasses,
} from '@fluentui/react-components';
import type { CheckOutput } from '../engine/client';
import { FilePickButton } from './FilePickButton';
import { chosenFolderFiles, droppedFiles } from '../dropped';
import type { OtherFile } from './useSession';
import { useT, type MessageKey } from '../i18n';
import { isIsoDate, todayIso } from '../settings';
import { StatusText, useProgressAnnouncement } from './Live';

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'parsing' | 'checking'; done: number; total: number; file?: string }
  | { phase: 'done'; summary: string };

/** Everything the office may drop at once: submissions, the roster, score workbooks, an earlier result. */
/** A folder picker: not in React's input types, but every browser Office runs in has it. */
const FOLDER_PICKER = { webkitdirectory: '', directory: '' } as Record<string, string>;
const ACCEPT = '.xlsx,.xlsm,.xls,.et,.ods,.csv,.docx,.doc,.wps,.html,.htm,.mht,.mhtml,.zip,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';
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
  date: { maxWidth: '100%' },
  dateInput: { minWidth: 0, maxWidth: '100%' },
  // Wide tables scroll inside their own box (WCAG 1.4.10 allows it for data tables), never the page.
  scroller: { maxWidth: '100%', overflowX: 'auto' },
  table: { tableLayout: 'auto' },
  // Names break at '-', '_', spaces or brackets, never in the middle of a word.
  cell: { wordBreak: 'keep-all', overflowWrap: 'normal' },
  hidden: { display: 'none' },
  bad: { color: tokens.colorPaletteRedForeground1 },
});

export interface ImportStepProps {
  state: ImportState;
  busy: boolean;
  files: CheckOutput['files'];
  onFiles: (files: File[]) => void;
  onReset: () => void;
  /** Files recognised as something other than a submission. */
  others: OtherFile[];
  /** Web page: continue from an earlier result workbook. */
  onOpen?: (file: File) => void;
  /** The inspection date (YYYY-MM-DD); a valid new value applies at once. */
  asOf: string;
  onAsOf: (asOf: string) => void;
  /** More actions beside 清空已导入 (web page: 新建会话). */
  extra?: ReactNode;
}

export function ImportStep({ state, busy, files, others, onFiles, onReset, onOpen, asOf, onAsOf, extra }: ImportStepProps) {
  const t = useT();
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [date, setDate] = useState(asOf);
  // A date restored with the session (or reset by 新建会话) shows up in the field.
  useEffect(() => setDate(asOf), [asOf]);
  const parsing = state.phase === 'parsing' ? state : null;
  const progressText = useCallback((done: number, total: number) => t('import.parsed', { done, total }), [t]);
  useProgressAnnouncement(parsing?.done ?? 0, parsing?.total ?? 0, progressText);
  const today = todayIso();

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (busy) return;
    // Taken here, in the handler: the drop's items are gone once it returns.
    void droppedFiles(e.dataTransfer).then((files) => files.length && onFiles(files));
  };

  return (
    <section className={styles.section} aria-label={t('step.import')}>
      <Field
        className={styles.date}
        label={t('settings.asOf')}
        hint={asOf === today ? t('import.asOfToday', { today }) : t('import.asOfSet', { today })}
        validationMessage={date && !isIsoDate(date) ? t('settings.badAsOf') : undefined}
      >
        <Input
          className={styles.dateInput}
          type="date"
          value={date}
          data-testid="asOf"
          onChange={(_, d) => {
            setDate(d.value);
            if (isIsoDate(d.value) && d.value !== asOf) onAsOf(d.value);
          }}
        />
      </Field>
      <div
        className={mergeClasses(styles.drop, over && styles.over)}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <Text>{t('import.drop')}</Text>
        <Button appearance="primary" disabledFocusable={busy} onClick={() => input.current?.click()} data-testid="choose-files">
          {t('import.choose')}
        </Button>
        <Button disabledFocusable={busy} onClick={() => folderInput.current?.click()} data-testid="choose-folder">
          {t('import.chooseFolder')}
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
        <input
          ref={folderInput}
          className={styles.hidden}
          type="file"
          {...FOLDER_PICKER}
          data-testid="folder-input"
          onChange={(e) => {
            const list = chosenFolderFiles(e.target.files ?? []);
            e.target.value = '';
            if (list.length) onFiles(list);
          }}
        />
        <Caption1>{t('import.accepts')}</Caption1>
      </div>

      {state.phase === 'parsing' || state.phase === 'checking' ? (
        <Field
          label={t('import.progressLabel')}
          validationMessage={state.phase === 'parsing' ? t('import.progress', { done: state.done, total: state.total }) : t('import.checking')}
          validationState="none"
          data-testid="progress"
        >
          <ProgressBar
            value={state.phase === 'parsing' && state.total ? state.done / state.total : undefined}
            aria-valuetext={state.phase === 'parsing' ? t('import.parsed', { done: state.done, total: state.total }) : t('import.checking')}
          />
        </Field>
      ) : null}
      <StatusText testId="import-status">{state.phase === 'done' ? <Text data-testid="import-summary">{state.summary}</Text> : null}</StatusText>

      <div className={styles.row}>
        {files.length || others.length ? (
          <Button size="small" onClick={onReset} disabledFocusable={busy}>
            {t('import.reset')}
          </Button>
        ) : null}
        {onOpen ? (
          <FilePickButton
            accept=".xlsx"
            busy={busy}
            buttonTestId="open-existing"
            inputTestId="existing-input"
            onFile={(f) => {
              if (f) onOpen(f);
            }}
          >
            {t('web.open')}
          </FilePickButton>
        ) : null}
        {extra}
      </div>

      {files.length || others.length ? (
        <div className={styles.scroller} role="region" tabIndex={0} aria-label={t('import.fileTable')}>
        <Table size="extra-small" className={styles.table} data-testid="file-table" aria-label={t('import.fileTable')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t('import.files')}</TableHeaderCell>
              <TableHeaderCell>{t('import.unit')}</TableHeaderCell>
              <TableHeaderCell>{t('import.status')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {files.slice(0, MAX_ROWS).map((f) => (
              <TableRow key={`${f.file}|${f.sha256}|${f.unit ?? ''}`} data-file={f.file}>
                <TableCell className={styles.cell}>{f.file}</TableCell>
                <TableCell className={styles.cell}>{f.unit ?? t('import.noUnit')}</TableCell>
                <TableCell className={mergeClasses(styles.cell, f.status === 'rejected' && styles.bad)}>{t(`status.${f.status}` as MessageKey)}</TableCell>
              </TableRow>
            ))}
            {others.map((f) => (
              <TableRow key={`other|${f.file}`} data-file={f.file}>
                <TableCell className={styles.cell}>{f.file}</TableCell>
                <TableCell />
                <TableCell className={styles.cell}>{t(`kind.${f.kind}` as MessageKey)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        </div>
      ) : state.phase === 'idle' ? (
        <Caption1>{t('import.empty')}</Caption1>
      ) : null}
      {files.length > MAX_ROWS ? <Caption1>{t('import.more', { n: files.length - MAX_ROWS })}</Caption1> : null}
    </section>
  );
}
