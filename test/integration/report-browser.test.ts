/**
 * The HTML report (設計書) as a person opens it: every example's report in headless Chromium, checked for what a reader
 * must see (the diagram, every segment, every declared flow, every rule of the model with its result), and saved as
 * `test-reports/report-<example>.png` (the screenshot shows the diagram at the top).
 */
import * as fs from 'fs';
import * as path from 'path';
import { BLUEPRINTS } from '../../examples/blueprints';
import { designFiles } from '../../src/docs/files';
import { ALL_RULES } from '../../src/guard/rules';
import { exampleInput } from '../docs/support';
import { closeBrowser, REPORTS, requireChromium, withPage } from '../support/browser';

// Callbacks of `evaluate` run in the page: its globals are reached through globalThis (the tests compile without the DOM library).
describe('HTML report in headless Chromium', () => {
  if (!requireChromium()) return;
  afterAll(closeBrowser);

  test.each(Object.keys(BLUEPRINTS))('%s: diagram, segments, flows and every rule row are rendered', async (name) => {
    const input = exampleInput('cdk', name);
    const { files } = designFiles(input, `report-${name}`, ['html']);
    fs.mkdirSync(REPORTS, { recursive: true });
    const file = path.join(REPORTS, files[0].file);
    fs.writeFileSync(file, files[0].content);
    const flows = BLUEPRINTS[name].flows ?? [];
    const rules = ALL_RULES.filter((r) => r.models.includes(input.options.model)).map((r) => r.id);

    await withPage(file, `report-${name}`, async (p) => {
      // The diagram comes first and is drawn: a visible SVG of real size with the three segment clusters.
      const svg = p.locator('section#diagram svg');
      await expect(svg.isVisible()).resolves.toBe(true);
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(400);
      expect(box!.height).toBeGreaterThan(200);
      for (const s of ['MY_NUMBER', 'LGWAN', 'INTERNET']) {
        await expect(p.locator(`section#diagram g.jn-segment[data-segment="${s}"] > rect`).isVisible()).resolves.toBe(true);
      }
      // Every declared flow is a visible row of the communication matrix, carried.
      for (const f of flows) {
        const row = p.locator(`tr[data-flow="${f.name}"]`);
        await expect(row.count()).resolves.toBe(1);
        await expect(row.isVisible()).resolves.toBe(true);
        await expect(row.getAttribute('data-carried')).resolves.toBe('yes');
      }
      // Every rule of the model is a visible row of the 対応表, and none failed in a reference network.
      const shown = await p.locator('table[data-table="compliance"] tr[data-rule]').evaluateAll(
        (rows) => rows.map((r: any) => ({ rule: r.getAttribute('data-rule'), result: r.getAttribute('data-result'), height: r.getBoundingClientRect().height })));
      expect(shown.map((r) => r.rule).sort()).toEqual([...rules].sort());
      expect(shown.filter((r) => r.height <= 0)).toEqual([]);
      expect(shown.filter((r) => r.result !== 'PASS' && r.result !== 'ACKNOWLEDGED')).toEqual([]);
      // Every segment of the parameter sheet's subnets table is there.
      const segments = await p.locator('tr[data-segment]').evaluateAll((rows) => [...new Set(rows.map((r: any) => r.getAttribute('data-segment')))]);
      expect(segments).toEqual(expect.arrayContaining(['MY_NUMBER', 'LGWAN', 'INTERNET']));
      // The confidentiality label is printed.
      await expect(p.locator('div.label[data-label]').isVisible()).resolves.toBe(true);
    });
    expect(fs.statSync(path.join(REPORTS, `report-${name}.png`)).size).toBeGreaterThan(10_000);
  });
});
