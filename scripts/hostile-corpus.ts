/**
 * Writes the hostile corpus (test/hostile/corpus.ts) to a folder, and with `--check` runs each
 * file alone through the CLI (`check --json --out`), printing per file: exit code, seconds, peak
 * RSS, whether the report and workbook were written and the file's findings.
 *   npx tsx scripts/hostile-corpus.ts out/hostile [--check]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { goodFiles, hostileFiles, otherProducerFiles } from '../test/hostile/corpus';

const dir = path.resolve(process.argv[2] ?? 'out/hostile');
const check = process.argv.includes('--check');
const cli = path.resolve(process.argv.find((a) => a.startsWith('--cli='))?.slice(6) ?? path.join(__dirname, '../bin/zhendi.cjs'));
mkdirSync(dir, { recursive: true });
const files = [...hostileFiles(), ...otherProducerFiles(), ...goodFiles(2)];
for (const f of files) writeFileSync(path.join(dir, f.name), f.bytes);
process.stdout.write(`${files.length} files in ${dir}\n`);

if (check) {
  const tmp = path.join(dir, '..', 'hostile-out');
  mkdirSync(tmp, { recursive: true });
  let good = 0;
  for (const f of files) {
    const json = path.join(tmp, `${f.kind}.json`);
    const out = path.join(tmp, `${f.kind}.xlsx`);
    rmSync(json, { force: true });
    rmSync(out, { force: true });
    const t0 = Date.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', 'node', '--max-old-space-size=4096', cli, 'check', path.join(dir, f.name), '--as-of', '2024-11-20', '--json', json, '--out', out], { encoding: 'utf8', timeout: 60_000 });
    const secs = (Date.now() - t0) / 1000;
    const rssMb = Math.round(Number(/(\d+)\s*$/.exec(r.stderr ?? '')?.[1] ?? 0) / 1024);
    const wrote = existsSync(json) && existsSync(out);
    let findings: string[] = [];
    if (existsSync(json)) {
      const rep = JSON.parse(readFileSync(json, 'utf8')) as { findings: { rule: string; file: string | null; message: string }[] };
      findings = rep.findings.filter((x) => x.file !== null).map((x) => x.rule);
    }
    const rules = [...new Set(findings)].join(',');
    const okHere = wrote && secs < 20 && rssMb < 1024 && (f.kind === 'good' || otherProducerFiles().some((o) => o.kind === f.kind) || findings.length > 0);
    if (okHere) good++;
    process.stdout.write(`${okHere ? 'OK  ' : 'BAD '} ${f.kind.padEnd(14)} rc=${r.status ?? r.signal} ${secs.toFixed(1)}s ${rssMb}MB wrote=${wrote} findings=${findings.length} [${rules.slice(0, 140)}]\n`);
  }
  process.stdout.write(`${good}/${files.length} handled within 20 s and 1 GB with a report, a workbook and a finding\n`);
}
