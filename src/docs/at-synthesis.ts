/**
 * The synth-time entry of the design documents for both engines' guards: the writer (src/docs/files.ts) is loaded only
 * when a stack asks for documents, since it brings the diagram's layout library and every synthesis would pay for it.
 */
import type * as files from './files';

export function writeAtSynthesis(...args: Parameters<typeof files.writeAtSynthesis>): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./files') as typeof files).writeAtSynthesis(...args);
}
