/**
 * Memory of the Chromium that playwright started, read from /proc: the processes descending from
 * this Node process, by Chromium's `--type=` role. A dedicated Web Worker runs in its page's
 * renderer process, so the renderer's resident set is the tab's memory (page + engine worker).
 * VmHWM is the kernel's own high-water mark, so a short peak between two samples is not missed.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcMem {
  pid: number;
  /** Chromium's process role: browser, renderer, gpu-process, utility, zygote, … */
  role: string;
  rssKb: number;
  hwmKb: number;
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parentOf(pid: number): number | null {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name may hold spaces and parentheses: fields start after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(rest[1]);
}

function roleOf(pid: number): string | null {
  const cmd = read(`/proc/${pid}/cmdline`);
  // Chromium rewrites its command line as one space-separated title, so no NUL splitting.
  if (!cmd || !/chrom/i.test(cmd.split(/[\0 ]/)[0] ?? '')) return null;
  const type = /--type=([^\s\0]+)/.exec(cmd)?.[1];
  if (!type) return 'browser';
  // The browser's own UI (WebUI) renderers are not a tab.
  return type === 'renderer' && /--top-chrome-webui|--extension-process/.test(cmd) ? 'renderer-ui' : type;
}

function memOf(pid: number): { rssKb: number; hwmKb: number } | null {
  const status = read(`/proc/${pid}/status`);
  if (!status) return null;
  const rss = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  const hwm = /VmHWM:\s+(\d+)\s+kB/.exec(status);
  return rss && hwm ? { rssKb: Number(rss[1]), hwmKb: Number(hwm[1]) } : null;
}

/** Chromium processes below `root` (default: this process). */
export function chromiumProcesses(root = process.pid): ProcMem[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(Number(name));
    if (ppid !== null) parents.set(Number(name), ppid);
  }
  const below = (pid: number): boolean => {
    for (let p = parents.get(pid), hops = 0; p !== undefined && hops < 64; p = parents.get(p), hops++) if (p === root) return true;
    return false;
  };
  const out: ProcMem[] = [];
  for (const pid of parents.keys()) {
    if (!below(pid)) continue;
    const role = roleOf(pid);
    const mem = role ? memOf(pid) : null;
    if (role && mem) out.push({ pid, role, ...mem });
  }
  return out;
}

export const hasProc = (): boolean => read('/proc/self/status') !== null;

/** Samples the renderers' memory until stopped; keeps each process's last VmHWM and the peaks seen. */
export class ProcSampler {
  /** Last VmHWM seen per renderer pid (the kernel keeps the peak; the process may exit later). */
  readonly rendererHwmKb = new Map<number, number>();
  peakRendererRssKb = 0;
  /** Largest sum over every Chromium process (browser, GPU, network, renderers) seen in one sample. */
  peakAllRssKb = 0;
  samples = 0;
  /** [ms since start, largest renderer RSS MB] about twice a second, to see which phase peaks. */
  readonly timeline: [number, number][] = [];
  startedAt = Date.now();
  private timer: NodeJS.Timeout | null = null;

  start(everyMs = 100): void {
    this.startedAt = Date.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): void {
    const procs = chromiumProcesses();
    let all = 0;
    for (const p of procs) {
      all += p.rssKb;
      if (p.role !== 'renderer') continue;
      this.rendererHwmKb.set(p.pid, Math.max(this.rendererHwmKb.get(p.pid) ?? 0, p.hwmKb));
      this.peakRendererRssKb = Math.max(this.peakRendererRssKb, p.rssKb);
    }
    this.peakAllRssKb = Math.max(this.peakAllRssKb, all);
    this.samples++;
    const t = Date.now() - this.startedAt;
    const top = Math.max(0, ...procs.filter((p) => p.role === 'renderer').map((p) => p.rssKb));
    if (!this.timeline.length || t - this.timeline.at(-1)![0] >= 500) this.timeline.push([t, Math.round(top / 1024)]);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
  }

  /** The tab's peak: the largest renderer high-water mark. */
  get peakTabKb(): number {
    return Math.max(this.peakRendererRssKb, ...this.rendererHwmKb.values());
  }
}
