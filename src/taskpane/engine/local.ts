/** The engine in process (tests; no worker). Loads exceljs into this realm. */
import { EngineCore } from './core';
import { handle } from './handle';
import { engineOver, type Caller, type Engine, type OnProgress } from './client';
import type { Request } from './protocol';

export function localEngine(): Engine {
  const core = new EngineCore();
  const call = ((req: Request, onProgress?: OnProgress) => handle(core, req, onProgress)) as Caller;
  return engineOver(call);
}
