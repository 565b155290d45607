import { terminalText } from './table';

/** A one-line progress bar on stderr, only when stderr is a terminal. */
export function progress(total: number, label: string): { tick: (name?: string) => void; note: (name: string) => void; done: () => void } {
  const tty = process.stderr.isTTY === true;
  let n = 0;
  const draw = (name = '') => {
    if (!tty) return;
    const width = 24;
    const filled = total ? Math.round((n / total) * width) : width;
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    process.stderr.write(`\r${label} ${bar} ${n}/${total} ${terminalText(name.slice(0, 30)).padEnd(30)}`);
  };
  return {
    tick(name) {
      n++;
      draw(name);
    },
    /** Where the current file is (an archive's k-th of n files), without counting a file. */
    note(name) {
      draw(name);
    },
    done() {
      if (tty) process.stderr.write('\r' + ' '.repeat(90) + '\r');
    },
  };
}
