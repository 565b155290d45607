/**
 * Where `zhendi check` spends its time: summarises the .cpuprofile files `node --cpu-prof` writes
 * (one per thread) into top self-time functions and top modules (packages / source files).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface Hot {
  name: string;
  ms: number;
  share: number;
}

export interface ThreadProfile {
  file: string;
  totalMs: number;
  functions: Hot[];
  modules: Hot[];
}

/** A short module name: `exceljs/lib/...` for packages, a repository-relative path for ours. */
export function moduleOf(url: string, root: string): string {
  if (!url) return '(native/idle)';
  const p = url.startsWith('file://') ? decodeURIComponent(url.slice(7)) : url;
  const nm = p.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = p.slice(nm + 13).split('/');
    const pkg = rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
    return pkg;
  }
  if (p.startsWith('node:')) return p;
  return path.relative(root, p) || p;
}

function top(map: Map<string, number>, total: number, n: number): Hot[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: total ? us / total : 0 }));
}

export function summarise(profile: CpuProfile, root: string, n = 15): Omit<ThreadProfile, 'file'> {
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) byId.set(node.id, node);
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) self.set(samples[i]!, (self.get(samples[i]!) ?? 0) + (deltas[i] ?? 0));
  const fns = new Map<string, number>();
  const mods = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const cf = byId.get(id)?.callFrame;
    if (!cf) continue;
    total += us;
    const mod = moduleOf(cf.url, root);
    // tsx transpiles each .ts file onto a line or two, so only the file name is meaningful there.
    const where = !cf.url ? '' : /\.tsx?$/.test(cf.url) ? mod : `${mod}:${cf.lineNumber + 1}`;
    const fn = `${cf.functionName || '(anonymous)'} ${where}`.trim();
    fns.set(fn, (fns.get(fn) ?? 0) + us);
    mods.set(mod, (mods.get(mod) ?? 0) + us);
  }
  return { totalMs: Math.round(total / 1000), functions: top(fns, total, n), modules: top(mods, total, n) };
}

export async function summariseDir(dir: string, root: string, n = 15): Promise<ThreadProfile[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.cpuprofile')).sort();
  const out: ThreadProfile[] = [];
  for (const f of files) {
    const profile = JSON.parse(await fs.readFile(path.join(dir, f), 'utf8')) as CpuProfile;
    out.push({ file: f, ...summarise(profile, root, n) });
  }
  return out.sort((a, b) => b.totalMs - a.totalMs);
}

export function renderProfile(threads: ThreadProfile[], maxThreads = 3): string {
  const lines: string[] = [];
  for (const t of threads.slice(0, maxThreads)) {
    lines.push(`${t.file}: ${(t.totalMs / 1000).toFixed(1)} s sampled`);
    lines.push('  top modules (self time):');
    for (const m of t.modules.slice(0, 8)) lines.push(`    ${(m.share * 100).toFixed(1).padStart(5)}%  ${String(m.ms).padStart(6)} ms  ${m.name}`);
    lines.push('  top functions (self time):');
    for (const f of t.functions) lines.push(`    ${(f.share * 100).toFixed(1).padStart(5)}%  ${String(f.ms).padStart(6)} ms  ${f.name}`);
  }
  return lines.join('\n');
}
