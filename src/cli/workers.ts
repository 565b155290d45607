/**
 * Starting read workers. Each loads the reader and checker code (0.1–0.2 s) before it can take a
 * file; bin/zhendi.cjs starts them (prestart) before loading the command's own code, so the two
 * loads overlap instead of adding up: the common 20-unit batch is checked about that much sooner.
 * This module is its own small file in lib/ (scripts/build-cli.mjs) so that the bin and the pool
 * share it; it imports nothing heavy.
 */
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** Per-worker memory: one file may never take the machine (the reader's own limits stay far below). */
export const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 };

// Compiled (lib/cli/workers.js): the compiled worker; from source, the entry that loads tsx.
export const WORKER_SCRIPT = __filename.endsWith('.js') ? path.join(__dirname, 'readWorker.js') : path.join(__dirname, '../../bin/read-worker.cjs');

const early = new Set<Worker>();

/** Starts `count` workers ahead of the batch; one that exits before it is taken is forgotten. */
export function prestart(count: number): void {
  for (let i = 0; i < count; i++) {
    const w = new Worker(WORKER_SCRIPT, { resourceLimits: WORKER_LIMITS });
    w.once('exit', () => early.delete(w));
    // One that fails before it is taken is only forgotten (an 'error' nobody listens to would end the process).
    w.on('error', () => undefined);
    // Not needed after all (a command that checks nothing): it must not keep the process alive.
    w.unref();
    early.add(w);
  }
}

/** A prestarted worker when the script and limits are the standard ones, else a new one. */
export function startWorker(script: string = WORKER_SCRIPT, limits: ResourceLimits = WORKER_LIMITS): Worker {
  if (script === WORKER_SCRIPT && limits === WORKER_LIMITS) {
    for (const w of early) {
      early.delete(w);
      w.ref();
      return w;
    }
  }
  return new Worker(script, { resourceLimits: limits });
}

/** Prestarted workers not taken yet. */
export function waiting(): number {
  return early.size;
}

/** Ends the prestarted workers a batch did not need. */
export async function stopUnused(): Promise<void> {
  const left = [...early];
  early.clear();
  await Promise.all(left.map((w) => w.terminate()));
}
