/**
 * Why a file's reader stopped without an answer (it died, ran out of memory or passed the time
 * limit), in the unit's words. One text for the CLI's worker pool and the web engine's readers.
 */
import type { ReadOutcome } from './check';

/**
 * A file a reader is on for longer than this is given up. The readers stop themselves after
 * their own budget (maxReadMs, 10 s); this only catches what no budget caught (a loop), on slow
 * or busy machines too, so it is generous.
 */
export const FILE_TIMEOUT_MS = 60_000;

export const OUT_OF_MEMORY = '处理该文件时内存超出上限，文件可能异常或过大；请检查后重新保存再提交';

/** `what`: the error, or how the reader ended (an exit code). */
export function crashReason(what: string): string {
  return `处理该文件时读取进程异常退出（${what}），文件可能异常；请检查后重新保存再提交`;
}

export function timeoutReason(ms: number): string {
  return `处理该文件超过 ${Math.round(ms / 1000)} 秒仍未完成，已中止；文件可能异常，请检查后重新保存再提交`;
}

/** An error text that says the reader ran out of memory. */
export const isOutOfMemory = (message: string): boolean => /memory|heap/i.test(message);

/** The read of a file whose reader gave no answer: it becomes that file's file-unreadable finding. */
export function readFailed(reason: string): ReadOutcome {
  return { ok: false, problem: 'unreadable', detail: `读取文件时出错：${reason}` };
}

/**
 * A file the web page was reading when the page ended (a tab whose reader ran out of memory dies
 * with it): the next drop refuses it once, so the rest of the batch gets in.
 */
export const PAGE_ENDED = '上次读取该文件时页面意外关闭（文件可能异常，耗尽了内存），本次未读取；请检查后重新保存再提交';
