/** Registers a suite's groups of tests on one shared run, started before the first and stopped after the last. */
import { after, before } from "node:test";

export interface SharedRun {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function onSharedRun<R extends SharedRun>(run: R, groups: readonly ((run: R) => void)[]): void {
  before(() => run.start());
  after(() => run.stop());
  for (const group of groups) group(run);
}
