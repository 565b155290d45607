/**
 * The task pane: a step flow 导入 → 校验 → 评分 → 汇总与排名 → 整改, plus 设置. It receives a
 * workbook port and an engine from outside (office.ts / web.ts; engine/client.ts) and never
 * touches Excel.* itself.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  AriaLiveAnnouncer,
  Badge,
  Button,
  Caption1,
  Field,
  ProgressBar,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Engine, CheckOutput, RestoreSummary } from '../engine/client';
import type { Round } from '../../core/scoring/scores';
import type { WorkbookPort } from '../port';
import { defaultSettings, settingsProblems, type Settings } from '../settings';
import { useT, type MessageKey } from '../i18n';
import { ImportStep, type ImportState } from './ImportStep';
import { FindingsStep } from './FindingsStep';
import { RankingStep, RectifyStep, UnscoredBanner } from './ScoringSteps';
import { ScoringView } from './ScoringView';
import { useSession } from './useSession';
import { SettingsPanel } from './SettingsPanel';
import { LiveRegions, useProgressAnnouncement, type Notice } from './Live';
import { NewSessionButton, StorageBanner } from './SessionControls';
import { ReadProgress } from './ReadProgress';

export type { Notice } from './Live';

export const STEPS = ['import', 'check', 'score', 'ranking', 'rectify', 'settings'] as const;
export type Step = (typeof STEPS)[number];

export function stepFromQuery(search: string): Step {
  const s = new URLSearchParams(search).get('step');
  return (STEPS as readonly string[]).includes(s ?? '') ? (s as Step) : 'import';
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', padding: '12px 14px 24px', maxWidth: '960px', margin: '0 auto', boxSizing: 'border-box' },
  header: { display: 'flex', alignItems: 'center', gap: '8px', flexWrap: 'wrap' },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, marginRight: 'auto', margin: 0 },
  // A long mode label wraps inside its pill instead of overflowing it.
  badge: { height: 'auto', minHeight: '20px', whiteSpace: 'normal', textAlign: 'center', maxWidth: '100%' },
  // Six short tabs fit one row at 350 px; narrower (zoomed) panes wrap them.
  tabs: { flexWrap: 'wrap', rowGap: '2px', '& > button': { paddingLeft: '4px', paddingRight: '4px' } },
  toolbar: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  panel: { minWidth: 0, outline: 'none' },
});

/**
 * Where the pane keeps its session across reloads: Excel (office.ts: officeSession) and the web
 * page (index.tsx). The engine holds the session's data; `settings` are the host's own copy
 * (Excel: the workbook's settings; null: the ones saved with the engine's session apply).
 */
export interface PaneSession {
  id: string;
  settings: Settings | null;
  saveSettings: (s: Settings) => void;
  /** Web page: 新建会话 is offered; called once everything is forgotten (reloads the page). */
  renew?: () => void;
}

export interface AppProps {
  port: WorkbookPort;
  engine: Engine;
  initialStep?: Step;
  initialSettings?: Settings;
  session?: PaneSession | null;
}

/** Performance marks for the browser tests (cheap; no-ops where unsupported). */
function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // ignore
  }
}

/** Counts of the file table, so the import summary always agrees with it. */
export function fileCounts(files: CheckOutput['files']): Record<CheckOutput['files'][number]['status'], number> {
  const c = { accepted: 0, rejected: 0, duplicate: 0, replaced: 0 };
  for (const f of files) c[f.status]++;
  return c;
}

export function App({ port, engine, initialStep = 'import', initialSettings, session = null }: AppProps) {
  return (
    <AriaLiveAnnouncer>
      <Pane port={port} engine={engine} initialStep={initialStep} initialSettings={initialSettings} session={session} />
    </AriaLiveAnnouncer>
  );
}

function Pane({ port, engine, initialStep = 'import', initialSettings, session = null }: AppProps) {
  const t = useT();
  const styles = useStyles();
  const live = useSession(engine, port);
  const result = live.result;
  const check = result?.check ?? null;
  const [step, setStep] = useState<Step>(initialStep);
  const [settings, setSettings] = useState<Settings>(() => ({ ...defaultSettings(), ...(session?.settings ?? {}), ...(initialSettings ?? {}) }));
  const [imp, setImp] = useState<ImportState>({ phase: 'idle' });
  const [busy, setBusy] = useState(false);
  const [writing, setWriting] = useState<{ done: number; total: number } | null>(null);
  /** A file opened on its own (roster, earlier result) while a reader has it. */
  const [reading, setReading] = useState<string | null>(null);
  const readProgress = useCallback((done: number, total: number, file: string) => setReading(done < total ? file : null), []);
  /** Something was written to the workbook since the last change (Excel). */
  const [written, setWritten] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [inspector, setInspector] = useState('');
  const [round, setRound] = useState<Round>(1);
  /** Why the session is not kept across a reload, as the restore found it (later: each result says). */
  const [restoredStorage, setRestoredStorage] = useState<RestoreSummary['storage']>(null);
  /** The user changed settings before the restore finished: theirs win. */
  const settingsTouched = useRef(false);
  const inspectorRef = useRef(inspector);
  inspectorRef.current = inspector;
  /** Where focus goes once the next render is on screen (after an import: the check summary). */
  const focusNext = useRef<string | null>(null);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const writeText = useCallback((done: number, total: number) => t('score.writing', { done, total }), [t]);
  useProgressAnnouncement(writing?.done ?? 0, writing?.total ?? 0, writeText);

  const fail = useCallback((e: unknown) => setNotice({ intent: 'error', text: t('error', { message: e instanceof Error ? e.message : String(e) }) }), [t]);

  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    document.querySelector<HTMLElement>(`[data-testid="${id}"]`)?.focus();
  });

  /** Runs one action with the busy state; errors become the alert. */
  const act = useCallback(
    async (fn: () => Promise<void>) => {
      setBusy(true);
      try {
        await fn();
      } catch (e) {
        fail(e);
      } finally {
        setBusy(false);
      }
    },
    [fail],
  );

  // After a reload (Excel: a ribbon button opens the pane at its step), pick up the saved session.
  // Not a busy action: the page stays usable meanwhile (a button disabled while the engine worker
  // starts swallows a click or an Enter), and the engine runs anything asked later after it.
  useEffect(() => {
    if (!session) return;
    void (async () => {
      try {
        const r = await live.restore(session.id);
        setRestoredStorage(r.storage);
        if (r.missing.length) {
          const shown = r.missing.slice(0, 10).join('、') + (r.missing.length > 10 ? ' …' : '');
          setNotice({ intent: 'warning', text: t('import.missing', { n: r.missing.length, files: shown }) });
        }
        if (r.settings && !session.settings && !settingsTouched.current) {
          const next = { ...defaultSettings(), ...r.settings, ...(initialSettings ?? {}) };
          if (!settingsProblems(next).length) {
            setSettings(next);
            settingsRef.current = next;
          }
        }
        if (!r.files && !r.roster && !r.others) return;
        const res = await live.recompute(settingsRef.current);
        // Scoring continues as the inspector who typed last.
        const last = res.scoring.typed[res.scoring.typed.length - 1];
        if (last && !inspectorRef.current) {
          setInspector(last.inspector);
          setRound(last.round);
        }
        if (r.files) setImp((cur) => (cur.phase === 'idle' ? { phase: 'done', summary: t('import.restored', { files: r.files }) } : cur));
      } catch (e) {
        fail(e);
      }
    })();
    // Once per pane load (engine and session do not change during a pane's life).
  }, []);

  const importFiles = useCallback(
    async (files: File[]) => {
      if (!files.length) return;
      setNotice(null);
      setImp({ phase: 'parsing', done: 0, total: files.length });
      await act(async () => {
        try {
          const { summary, result: r } = await live.addFiles(files, (done, total, file) => setImp({ phase: 'parsing', done, total, file }), settingsRef.current);
          mark('zhendi:check-received');
          const c = fileCounts(r.check.files);
          const counts = summary.counts;
          const others = counts ? counts.rosters + counts.scores + counts.results : 0;
          const kinds = counts
            ? [
                counts.rosters ? t('import.other.roster', { n: counts.rosters }) : '',
                counts.scores ? t('import.other.scores', { n: counts.scores }) : '',
                counts.results ? t('import.other.result', { n: counts.results }) : '',
              ].filter(Boolean)
            : [];
          const line =
            t('import.done', { total: r.check.files.length, ok: c.accepted, bad: c.rejected, skipped: c.duplicate + summary.skipped.length, replaced: c.replaced }) +
            (kinds.length ? t('import.others', { list: kinds.join(t('import.other.sep')) }) : '');
          setImp({ phase: 'done', summary: line });
          setWritten(false);
          if (summary.changed === false || (!c.accepted && !others)) {
            setNotice({ intent: 'warning', text: `${line}${t('import.nothing')}` });
            return;
          }
          // Only new submissions change the check: then it is shown (and focused).
          const newSubs = counts ? counts.submissions + counts.unreadable : c.accepted;
          const errors = r.check.findings.filter((f) => f.severity === 'error').length;
          const tail = port.kind === 'web' ? t('import.ready', { sheets: r.sheetNames.length }) : t('import.toWrite');
          setNotice({ intent: 'success', text: `${line}${newSubs && c.accepted ? t('import.checked', { errors, units: r.check.units.length }) : ''}${tail}` });
          if (newSubs && c.accepted) {
            setStep('check');
            focusNext.current = 'check-summary';
          }
        } catch (e) {
          setImp({ phase: 'idle' });
          throw e;
        }
      });
    },
    [act, live, port, t],
  );

  const resetImports = useCallback(
    () =>
      act(async () => {
        await live.reset(settingsRef.current);
        setImp({ phase: 'idle' });
        setNotice({ intent: 'info', text: t('import.cleared') });
      }),
    [act, live, t],
  );

  const newSession = useCallback(
    () =>
      act(async () => {
        await live.forget();
        settingsTouched.current = false;
        const fresh = { ...defaultSettings(), ...(initialSettings ?? {}) };
        setSettings(fresh);
        settingsRef.current = fresh;
        setImp({ phase: 'idle' });
        setInspector('');
        setRound(1);
        setStep('import');
        setNotice({ intent: 'info', text: t('session.renewed') });
        session?.renew?.();
      }),
    [act, live, initialSettings, session, t],
  );

  const applySettings = useCallback(
    async (next: Settings) => {
      settingsTouched.current = true;
      setSettings(next);
      settingsRef.current = next;
      session?.saveSettings(next);
      if (settingsProblems(next).length || !live.result) return;
      await act(async () => {
        await live.recompute(next);
        setWritten(false);
        setNotice({ intent: 'success', text: t('settings.applied', { asOf: next.asOf }) });
      });
    },
    [act, live, session, t],
  );

  const loadRoster = useCallback(
    (file: File | null) =>
      act(async () => {
        const units = await live.setRoster(file, settingsRef.current, readProgress).finally(() => setReading(null));
        if (file) setNotice({ intent: 'success', text: t('settings.rosterLoaded', { units }) });
      }),
    [act, live, t, readProgress],
  );

  const openResult = useCallback(
    (file: File) =>
      act(async () => {
        const r = await live.openResult(file, settingsRef.current, readProgress).finally(() => setReading(null));
        setNotice({ intent: 'info', text: t('web.opened', { n: r.sheets, scores: r.scores }) });
      }),
    [act, live, t, readProgress],
  );

  const setScore = useCallback(
    async (entry: Parameters<typeof live.setScore>[0]) => {
      try {
        const refused = await live.setScore(entry, settingsRef.current);
        if (!refused) setWritten(false);
        return refused;
      } catch (e) {
        fail(e);
        return t('error', { message: e instanceof Error ? e.message : String(e) });
      }
    },
    [live, fail, t],
  );

  const templates = useCallback(
    () =>
      act(async () => {
        if (port.generateTemplates) {
          // Excel: existing template sheets are kept, never silently replaced.
          const r = await port.generateTemplates({ replace: false });
          if (r.error) throw new Error(r.error);
          setNotice({ intent: 'success', text: t('templates.done', { n: r.written.length }) + (r.kept.length ? t('templates.kept', { n: r.kept.length }) : '') });
          return;
        }
        const model = await live.templates(settingsRef.current.school);
        if (port.saveBytes) port.saveBytes(await live.render(model), t('templates.file'));
        else await port.writeModel(model, { activate: model.sheets[0]?.name });
        setNotice({ intent: 'success', text: t('templates.done', { n: model.sheets.length }) });
      }),
    [act, live, port, t],
  );

  const download = useCallback(
    () =>
      act(async () => {
        if (!port.saveBytes) return;
        const name = `阵地检查结果-${settingsRef.current.asOf}.xlsx`;
        // Sheets written so far, on the same bar as writing into Excel.
        setWriting({ done: 0, total: 1 });
        try {
          port.saveBytes(await live.download(settingsRef.current, (done, total) => setWriting({ done, total })), name);
        } finally {
          setWriting(null);
        }
        setNotice({ intent: 'success', text: t('web.downloaded', { name }) });
      }),
    [act, live, port, t],
  );

  /** Web page: a zip of every unit's template, or of the return copies (the CLI's builders). */
  const saveZip = useCallback(
    (make: (s: Settings) => Promise<Uint8Array>, name: string) =>
      act(async () => {
        if (!port.saveBytes) return;
        port.saveBytes(await make(settingsRef.current), name);
        setNotice({ intent: 'success', text: t('zip.downloaded', { name }) });
      }),
    [act, port, t],
  );

  const writeAll = useCallback(
    () =>
      act(async () => {
        setWriting({ done: 0, total: 1 });
        try {
          const n = await live.writeAll(settingsRef.current, (done, total) => setWriting({ done, total }));
          mark('zhendi:check-written');
          setWritten(true);
          setNotice({ intent: 'success', text: t('score.written', { sheets: n }) });
        } finally {
          setWriting(null);
        }
      }),
    [act, live, t],
  );

  const counts = useMemo(() => {
    const c = { error: 0, warning: 0, info: 0 };
    for (const f of check?.findings ?? []) c[f.severity]++;
    return c;
  }, [check]);

  const hasFiles = !!check?.files.length || live.others.length > 0;
  const storage = live.result ? (live.result.storage ?? null) : restoredStorage;
  const tabLabel = (s: Step): string => t(`step.${s}` as MessageKey);

  return (
    <div className={styles.root} data-testid="app">
      <div className={styles.header}>
        <Text className={styles.title} as="h1">
          {t('app.title')}
        </Text>
        <Badge className={styles.badge} appearance="tint" color={port.kind === 'excel' ? 'brand' : 'informative'} data-testid="mode">
          {t(port.kind === 'excel' ? 'app.mode.excel' : 'app.mode.web')}
        </Badge>
      </div>
      <Caption1>{t('app.privacy')}</Caption1>
      {session ? <StorageBanner problem={storage} /> : null}
      <TabList className={styles.tabs} selectedValue={step} onTabSelect={(_, d) => setStep(d.value as Step)} size="small" aria-label={t('app.steps')}>
        {STEPS.map((s) => (
          <Tab key={s} value={s} id={`tab-${s}`} aria-controls={s === step ? `panel-${s}` : undefined} data-testid={`tab-${s}`}>
            {tabLabel(s)}
            {s === 'check' && check?.files.length ? `(${counts.error})` : ''}
          </Tab>
        ))}
      </TabList>
      <div className={styles.toolbar}>
        <Button size="small" onClick={templates} disabledFocusable={busy} data-testid="templates">
          {t('templates.run')}
        </Button>
        {port.saveBytes ? (
          <>
            <Button size="small" onClick={() => saveZip(live.unitTemplatesZip, t('unitTemplates.file'))} disabled={!busy && !hasFiles} disabledFocusable={busy} data-testid="unit-templates">
              {t('unitTemplates.run')}
            </Button>
            <Button size="small" onClick={() => saveZip(live.returnCopiesZip, t('returns.file'))} disabled={!busy && !check?.files.length} disabledFocusable={busy} data-testid="return-copies">
              {t('returns.run')}
            </Button>
          </>
        ) : null}
        {port.saveBytes ? (
          <Button size="small" appearance="primary" onClick={download} disabled={!busy && !hasFiles} disabledFocusable={busy} data-testid="download">
            {t('web.download')}
          </Button>
        ) : (
          <Button size="small" appearance="primary" onClick={writeAll} disabled={!busy && !result} disabledFocusable={busy} data-testid="write-workbook">
            {written ? t('score.rewrite') : t('score.write')}
          </Button>
        )}
        {busy && !writing ? <Spinner size="tiny" label={t('busy')} /> : null}
      </div>
      {reading ? <ReadProgress key={reading} file={reading} /> : null}
      {writing ? (
        <Field label={t('score.writeLabel')} validationMessage={t('score.writing', writing)} validationState="none" data-testid="write-progress">
          <ProgressBar value={writing.total ? writing.done / writing.total : undefined} aria-valuetext={t('score.writing', writing)} />
        </Field>
      ) : null}
      <LiveRegions notice={notice} />
      <div role="tabpanel" id={`panel-${step}`} aria-labelledby={`tab-${step}`} className={styles.panel} data-testid="panel">
        {step === 'import' ? (
          <ImportStep
            state={imp}
            busy={busy}
            onFiles={importFiles}
            onReset={resetImports}
            files={check?.files ?? []}
            others={live.others}
            asOf={settings.asOf}
            onAsOf={(asOf) => void applySettings({ ...settingsRef.current, asOf })}
            onOpen={port.kind === 'web' ? openResult : undefined}
            extra={session?.renew ? <NewSessionButton busy={busy} onConfirm={newSession} /> : null}
          />
        ) : null}
        {step === 'check' ? <FindingsStep check={check?.files.length ? check : null} counts={counts} port={port} /> : null}
        {step === 'score' ? (
          result && result.scoring.units.length ? (
            <>
              <UnscoredBanner unscored={result.unscored} />
              <ScoringView
                rubric={result.rubric}
                units={result.scoring.units}
                entries={result.scoring.entries}
                inspector={inspector}
                round={round}
                onInspector={setInspector}
                onRound={setRound}
                onSet={setScore}
              />
            </>
          ) : (
            <Caption1>{t('needScoring')}</Caption1>
          )
        ) : null}
        {step === 'ranking' ? <RankingStep ranking={check?.files.length ? (result?.ranking ?? null) : null} unscored={result?.unscored ?? []} /> : null}
        {step === 'rectify' ? (
          <RectifyStep facts={check?.files.length ? (result?.rectification ?? null) : null} notices={settings.notices} onNotices={(v) => void applySettings({ ...settingsRef.current, notices: v })} />
        ) : null}
        {step === 'settings' ? <SettingsPanel settings={settings} rosterUnits={result?.sources.roster ?? null} onApply={applySettings} onRoster={loadRoster} busy={busy} /> : null}
      </div>
    </div>
  );
}
