/**
 * Runs a command as a child process and reports wall time and peak RSS. Uses GNU time when it is
 * installed (`/usr/bin/time -f '%e %M'`), otherwise times the child itself and polls /proc for
 * its resident set (VmHWM, the kernel's own high-water mark, read until the child exits).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface Measured {
  seconds: number;
  peakRssMb: number | null;
  code: number | null;
  /** Killed after opts.timeoutSeconds. */
  timedOut: boolean;
  /** Last lines of stderr, for failures. */
  tail: string;
  stdout: string;
}

const GNU_TIME = '/usr/bin/time';
const MARK = '__BENCH_TIME__';

export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME);
}

function tailOf(text: string, lines = 12): string {
  return text.split('\n').slice(-lines).join('\n');
}

function vmHwmKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

export function measure(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutSeconds?: number }): Promise<Measured> {
  const gnu = hasGnuTime();
  const argv = gnu ? ['-f', `${MARK} %e %M`, cmd, ...args] : args;
  const t0 = process.hrtime.bigint();
  const child = spawn(gnu ? GNU_TIME : cmd, argv, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  // Its own process group, so a timeout ends the command and everything it started, and nothing else.
  let timedOut = false;
  const timer = opts.timeoutSeconds
    ? setTimeout(() => {
        timedOut = true;
        if (child.pid) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
      }, opts.timeoutSeconds * 1000)
    : null;
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    // Keep only the end: a 2,000-unit summary table is long and not needed.
    stdout = (stdout + d).slice(-20000);
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr = (stderr + d).slice(-20000);
  });
  let peakKb = 0;
  const poll = gnu
    ? null
    : setInterval(() => {
        const kb = child.pid ? vmHwmKb(child.pid) : null;
        if (kb && kb > peakKb) peakKb = kb;
      }, 25);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      let seconds = wall;
      let peakRssMb: number | null = peakKb ? peakKb / 1024 : null;
      if (gnu) {
        const m = new RegExp(`${MARK} ([\\d.]+) (\\d+)`).exec(stderr);
        if (m) {
          seconds = Number(m[1]);
          peakRssMb = Number(m[2]) / 1024;
        }
        stderr = stderr.replace(new RegExp(`${MARK}.*\\n?`), '');
      }
      resolve({ seconds, peakRssMb, code, timedOut, tail: tailOf(stderr), stdout });
    });
  });
}
