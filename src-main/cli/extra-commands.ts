/**
 * Commands contributed by the engine and the server (backends, serve), kept apart from the core
 * run-store commands so main.ts stays a plain dispatcher.
 */
import type { Output } from './context';
import { serveCommand } from './commands/serve';
import { backendsCommand } from './commands/backends';

export interface ExtraCommand {
  readonly name: string;
  /** Lines for `rgwb --help`, each ending in a newline. */
  readonly help: string;
  run(args: string[], io: Output): Promise<number>;
}

export const extraCommands: readonly ExtraCommand[] = [backendsCommand, serveCommand];
