/**
 * A file opened on its own (a roster, an earlier result) being read: its name and the seconds so
 * far, so a big or hostile file that takes long shows it is being worked on (the reader gives up
 * on its own after its time limit).
 */
import { useEffect, useState } from 'react';
import { Field, ProgressBar } from '@fluentui/react-components';
import { useT } from '../i18n';

export function ReadProgress({ file }: { file: string }) {
  const t = useT();
  const [since] = useState(() => Date.now());
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, []);
  const text = t('read.progress', { file, s: Math.floor((Date.now() - since) / 1000) });
  return (
    <Field label={t('read.label')} validationMessage={text} validationState="none" data-testid="read-progress">
      <ProgressBar aria-valuetext={t('read.progress.short', { file })} />
    </Field>
  );
}
