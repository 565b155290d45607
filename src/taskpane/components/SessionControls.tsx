/**
 * The saved session on screen: a banner when it cannot be kept across a reload (private window,
 * full disk), and 新建会话, which forgets everything after a confirmation.
 */
import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger } from '@fluentui/react-components';
import type { RestoreSummary } from '../engine/client';
import { useT, type MessageKey } from '../i18n';
import { NoticeBox, StatusText } from './Live';

export function StorageBanner({ problem }: { problem: RestoreSummary['storage'] }) {
  const t = useT();
  return (
    <StatusText testId="storage-status">
      {problem ? <NoticeBox notice={{ intent: 'warning', text: t(`storage.${problem}` as MessageKey) }} testId="storage-problem" data={{ 'data-problem': problem }} /> : null}
    </StatusText>
  );
}

export function NewSessionButton({ busy, onConfirm }: { busy: boolean; onConfirm: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button size="small" disabledFocusable={busy} data-testid="new-session">
          {t('session.new')}
        </Button>
      </DialogTrigger>
      <DialogSurface aria-describedby="new-session-text">
        <DialogBody>
          <DialogTitle>{t('session.confirmTitle')}</DialogTitle>
          <DialogContent id="new-session-text">{t('session.confirmText')}</DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary" data-testid="new-session-cancel">
                {t('session.cancel')}
              </Button>
            </DialogTrigger>
            <Button
              appearance="primary"
              data-testid="new-session-confirm"
              onClick={() => {
                setOpen(false);
                onConfirm();
              }}
            >
              {t('session.confirm')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
