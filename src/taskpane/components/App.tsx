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
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Engine, CheckOutput, StepOutput } from '../engine/client';
import type { WorkbookPort } from '../port';
import { defaultSettings, settingsProblems, type Settings } from '../settings';
import { useT, type MessageKey } from '../i18n';
import { ImportStep, type ImportState } from './ImportStep';
import { FindingsStep } from './FindingsStep';
import { ScoreStep, RankingStep, RectifyStep } from './ScoringSteps';
import { SettingsPanel } from './SettingsPanel';
import { LiveRegions, type Notice } from './Live';

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
  tabs: { flexWrap: 'wrap', rowGap: '2px', '& > button': { paddingLeft: '6px', paddingRight: '6px' } },
  toolbar: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  panel: { minWidth: 0, outline: 'none' },
});

/** Where the Excel pane keeps its session across reloads (office.ts: officeSession). */
export interface PaneSession {
  id: string;
  settings: Settings | null;
  saveSettings: (s: Settings) => void;
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
  const [step, setStep] = useState<Step>(initialStep);
  const [settings, setSettings] = useState<Settings>(() => ({ ...defaultSettings(), ...(session?.settings ?? {}), ...(initialSettings ?? {}) }));
  const [rosterUnits, setRosterUnits] = useState<number | null>(null);
  const [imp, setImp] = useState<ImportState>({ phase: 'idle' });
  const [check, setCheck] = useState<CheckOutput | null>(null);
  const [outputs, setOutputs] = useState<Partial<Record<'score' | 'ranking' | 'rectify', StepOutput>>>({});
  const [busy, setBusy] = useState(false);
  /** Something is in the result workbook (web page: the download is not empty). */
  const [hasResult, setHasResult] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  /** Where focus goes once the next render is on screen (after an import: the check summary). */
  const focusNext = useRef<string | null>(null);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  const fail = useCallback((e: unknown) => setNotice({ intent: 'error', text: t('error', { message: e instanceof Error ? e.message : String(e) }) }), [t]);

  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    document.querySelector<HTMLElement>(`[data-testid="${id}"]`)?.focus();
  });

  // After a reload (a ribbon button opens the pane at its step), pick up the saved session:
  // the submissions are parsed already; checking again is quick and writes nothing.
  useEffect(() => {
    if (!session) return;
    let live = true;
    (async () => {
      const r = await engine.restore(session.id);
      if (r.roster) setRosterUnits(r.roster);
      if (!r.files || !live) return;
      setBusy(true);
      const out = await engine.check(settingsRef.current);
      if (!live) return;
      setCheck(out);
      setImp({ phase: 'done', summary: t('import.restored', { files: r.files }) });
    })()
      .catch((e: unknown) => live && fail(e))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
    // Once per pane load (engine and session do not change during a pane's life).
  }, []);

  /** Checks again and writes the check sheets; false when nothing readable was imported. */
  const runCheck = useCallback(
    async (s: Settings): Promise<{ out: CheckOutput; sheets: number } | null> => {
      const out = await engine.check(s);
      mark('zhendi:check-received');
      setCheck(out);
      if (!out.files.some((f) => f.status === 'accepted')) return null;
      const w = await port.writeModel(out.model, { activate: '校验结果' });
      setHasResult(true);
      mark('zhendi:check-written');
      return { out, sheets: w.sheets.length };
    },
    [engine, port],
  );

  const importFiles = useCallback(
    async (files: File[]) => {
      if (!files.length) return;
      setBusy(true);
      setNotice(null);
      setImp({ phase: 'parsing', done: 0, total: files.length });
      try {
        const summary = await engine.addFiles(files, (done, total, file) => setImp({ phase: 'parsing', done, total, file }));
        setImp({ phase: 'checking', done: files.length, total: files.length });
        const r = await runCheck(settingsRef.current);
        const out = r?.out ?? (await engine.check(settingsRef.current));
        const c = fileCounts(out.files);
        const line = t('import.done', { total: out.files.length, ok: c.accepted, bad: c.rejected, skipped: c.duplicate + summary.skipped.length, replaced: c.replaced });
        setImp({ phase: 'done', summary: line });
        if (r) {
          const errors = out.findings.filter((f) => f.severity === 'error').length;
          const written = t(port.kind === 'web' ? 'import.ready' : 'import.written', { sheets: r.sheets });
          setNotice({ intent: 'success', text: `${line}${t('import.checked', { errors, units: out.units.length })}${written}` });
          setStep('check');
          focusNext.current = 'check-summary';
        } else {
          setNotice({ intent: 'warning', text: `${line}${t('import.nothing')}` });
        }
      } catch (e) {
        setImp({ phase: 'idle' });
        fail(e);
      } finally {
        setBusy(false);
      }
    },
    [engine, port, runCheck, t, fail],
  );

  const resetImports = useCallback(async () => {
    await engine.reset();
    setCheck(null);
    setOutputs({});
    setImp({ phase: 'idle' });
    setNotice({ intent: 'info', text: t('import.cleared') });
  }, [engine, t]);

  const runStep = useCallback(
    async (which: 'score' | 'ranking' | 'rectify') => {
      if (!check) {
        setNotice({ intent: 'warning', text: t('needScoring') });
        return;
      }
      setBusy(true);
      setNotice(null);
      try {
        const existing = await port.readSheets(['评分表', '评分细则', '加减分', '整改台账']);
        const s = settingsRef.current;
        const out =
          which === 'score' ? await engine.scoring(s, existing) : which === 'ranking' ? await engine.ranking(s, existing) : await engine.rectify(s, existing, s.notices);
        await port.writeModel(out.model, { activate: out.model.sheets[which === 'score' ? out.model.sheets.length - 1 : 0]?.name });
        setHasResult(true);
        setOutputs((o) => ({ ...o, [which]: out }));
      } catch (e) {
        fail(e);
      } finally {
        setBusy(false);
      }
    },
    [check, engine, port, t, fail],
  );

  const applySettings = useCallback(
    async (next: Settings) => {
      setSettings(next);
      settingsRef.current = next;
      session?.saveSettings(next);
      if (settingsProblems(next).length || !check) return;
      setBusy(true);
      try {
        await runCheck(next);
        setNotice({ intent: 'success', text: t('settings.applied', { asOf: next.asOf }) });
      } catch (e) {
        fail(e);
      } finally {
        setBusy(false);
      }
    },
    [check, runCheck, fail, session, t],
  );

  const loadRoster = useCallback(
    async (file: File | null) => {
      try {
        const r = await engine.setRoster(file);
        setRosterUnits(file ? r.units : null);
        if (check) await runCheck(settingsRef.current);
        if (file) setNotice({ intent: 'success', text: t('settings.rosterLoaded', { units: r.units }) });
      } catch (e) {
        fail(e);
      }
    },
    [engine, check, runCheck, fail, t],
  );

  const templates = useCallback(async () => {
    setBusy(true);
    try {
      const model = await engine.templates(settingsRef.current.school);
      await port.writeModel(model, { activate: model.sheets[0]?.name });
      setHasResult(true);
      setNotice({ intent: 'success', text: t('templates.done', { n: model.sheets.length }) });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }, [engine, port, t, fail]);

  const download = useCallback(async () => {
    if (!port.download) return;
    setBusy(true);
    const name = `阵地检查结果-${settingsRef.current.asOf}.xlsx`;
    try {
      await port.download(name);
      setNotice({ intent: 'success', text: t('web.downloaded', { name }) });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }, [port, fail, t]);

  const counts = useMemo(() => {
    const c = { error: 0, warning: 0, info: 0 };
    for (const f of check?.findings ?? []) c[f.severity]++;
    return c;
  }, [check]);

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
      <TabList className={styles.tabs} selectedValue={step} onTabSelect={(_, d) => setStep(d.value as Step)} size="small" aria-label={t('app.steps')}>
        {STEPS.map((s) => (
          <Tab key={s} value={s} id={`tab-${s}`} aria-controls={s === step ? `panel-${s}` : undefined} data-testid={`tab-${s}`}>
            {tabLabel(s)}
            {s === 'check' && check ? ` (${counts.error})` : ''}
          </Tab>
        ))}
      </TabList>
      <div className={styles.toolbar}>
        <Button size="small" onClick={templates} disabledFocusable={busy} data-testid="templates">
          {t('templates.run')}
        </Button>
        {port.download ? (
          <Button size="small" appearance="primary" onClick={download} disabled={!busy && !hasResult} disabledFocusable={busy} data-testid="download">
            {t('web.download')}
          </Button>
        ) : null}
        {busy ? <Spinner size="tiny" label={t('busy')} /> : null}
      </div>
      <LiveRegions notice={notice} />
      <div role="tabpanel" id={`panel-${step}`} aria-labelledby={`tab-${step}`} className={styles.panel} data-testid="panel">
        {step === 'import' ? (
          <ImportStep
            state={imp}
            busy={busy}
            onFiles={importFiles}
            onReset={resetImports}
            files={check?.files ?? []}
            port={port}
            asOf={settings.asOf}
            onAsOf={(asOf) => void applySettings({ ...settingsRef.current, asOf })}
            onOpened={(n) => {
              setHasResult(true);
              setNotice({ intent: 'info', text: t('web.opened', { n }) });
            }}
            onError={fail}
          />
        ) : null}
        {step === 'check' ? <FindingsStep check={check} counts={counts} port={port} /> : null}
        {step === 'score' ? <ScoreStep output={outputs.score} ready={!!check} busy={busy} onRun={() => runStep('score')} /> : null}
        {step === 'ranking' ? <RankingStep output={outputs.ranking} ready={!!check} busy={busy} onRun={() => runStep('ranking')} /> : null}
        {step === 'rectify' ? (
          <RectifyStep
            output={outputs.rectify}
            ready={!!check}
            busy={busy}
            notices={settings.notices}
            onNotices={(v) => setSettings((s) => ({ ...s, notices: v }))}
            onRun={() => runStep('rectify')}
          />
        ) : null}
        {step === 'settings' ? <SettingsPanel settings={settings} rosterUnits={rosterUnits} onApply={applySettings} onRoster={loadRoster} busy={busy} /> : null}
      </div>
    </div>
  );
}
