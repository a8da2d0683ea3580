/**
 * Child process of `workbookSync` (src/docs/files.ts): reads design documents (JSON) on stdin, writes the Excel
 * workbook's bytes on stdout.
 */
import { renderWorkbook } from './render';

const chunks: Buffer[] = [];
process.stdin.on('data', (c: Buffer) => chunks.push(c));
process.stdin.on('end', () => {
  renderWorkbook(JSON.parse(Buffer.concat(chunks).toString('utf8')))
    .then((bytes) => process.stdout.write(bytes))
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exitCode = 1;
    });
});
