/** The engine in process (tests; no worker). Loads exceljs into this realm. */
import { EngineCore } from './core';
import { handle } from './handle';
import { engineOver, type Caller, type Engine, type OnProgress } from './client';
import type { Request } from './protocol';
import type { SessionStore } from './store';

export function localEngine(store: SessionStore | null = null): Engine {
  const core = new EngineCore(store);
  const call = ((req: Request, onProgress?: OnProgress) => handle(core, req, onProgress)) as Caller;
  return engineOver(call);
}
