/**
 * What screen readers hear. Status and alert regions stay mounted (empty when quiet): a live
 * region that appears together with its text is often not announced. Progress goes through
 * Fluent's announcer in ~10 % steps, not once per file.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { makeStyles, tokens, useAnnounce, mergeClasses } from '@fluentui/react-components';

export interface Notice {
  intent: 'success' | 'error' | 'info' | 'warning';
  text: string;
}

const useStyles = makeStyles({
  box: {
    padding: '8px 10px',
    borderRadius: tokens.borderRadiusMedium,
    borderLeft: `4px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    overflowWrap: 'anywhere',
  },
  success: { borderLeftColor: tokens.colorPaletteGreenBorder2, backgroundColor: tokens.colorPaletteGreenBackground1 },
  warning: { borderLeftColor: tokens.colorPaletteDarkOrangeBorder2, backgroundColor: tokens.colorPaletteYellowBackground1 },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2, backgroundColor: tokens.colorPaletteRedBackground1 },
  info: {},
});

/** One notice in its intent's colours; `data` adds attributes tests and styles key on. */
export function NoticeBox({ notice, testId, data }: { notice: Notice; testId: string; data?: Record<`data-${string}`, string> }) {
  const styles = useStyles();
  return (
    <div className={mergeClasses(styles.box, styles[notice.intent])} data-testid={testId} data-intent={notice.intent} {...data}>
      {notice.text}
    </div>
  );
}

/** Polite results (import, check, steps, download); errors go to the assertive region. */
export function LiveRegions({ notice }: { notice: Notice | null }) {
  const polite = notice && notice.intent !== 'error' ? notice : null;
  const error = notice && notice.intent === 'error' ? notice : null;
  return (
    <>
      <div role="status" aria-live="polite" aria-atomic="true" data-testid="live-status">
        {polite ? <NoticeBox notice={polite} testId="notice" /> : null}
      </div>
      <div role="alert" aria-live="assertive" aria-atomic="true" data-testid="live-alert">
        {error ? <NoticeBox notice={error} testId="notice" /> : null}
      </div>
    </>
  );
}

/** A polite region for a step's own result line (kept mounted; text may be empty). */
export function StatusText({ children, testId, className }: { children: ReactNode; testId?: string; className?: string }) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true" data-testid={testId} className={className}>
      {children}
    </div>
  );
}

/** Announces `text(done, total)` whenever progress crosses another tenth (and at the end). */
export function useProgressAnnouncement(done: number, total: number, text: (done: number, total: number) => string): void {
  const { announce } = useAnnounce();
  const last = useRef(-1);
  useEffect(() => {
    if (!total) {
      last.current = -1;
      return;
    }
    const tenth = Math.floor((done / total) * 10);
    if (tenth < last.current) last.current = -1; // a new import started
    if (tenth > last.current) {
      last.current = tenth;
      announce(text(done, total), { polite: true, batchId: 'import-progress' });
    }
  }, [done, total, text, announce]);
}
