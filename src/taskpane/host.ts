/** Which host the page runs in: Excel (Office.onReady says so) or none (plain web page). */
export interface OfficeLike {
  onReady?: () => Promise<{ host: string | null; platform: string | null }>;
  context?: { displayLanguage?: string };
}

/** 'excel' when running inside Excel; null on a plain page. Never waits more than `timeoutMs`. */
export async function detectHost(office: OfficeLike | undefined, timeoutMs = 4000): Promise<'excel' | null> {
  if (!office || typeof office.onReady !== 'function') return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const info = await Promise.race([
    office.onReady().catch(() => null),
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  return info && info.host === 'Excel' ? 'excel' : null;
}
