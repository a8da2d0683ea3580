/**
 * The browser half of the network diagram tests (test/docs/diagram.test.ts has the rest): headless Chromium opens each
 * reference network's drawing and looks at it as a person would (test-reports/diagram-<example>.png): segments and flow
 * labels visible, the text inside its boxes, the forbidden path in red; and `svgToPng` through the same Chromium.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Page } from 'playwright-core';
import { BLUEPRINTS } from '../../examples/blueprints';
import { renderNetworkDiagram } from '../../src/docs/diagram';
import { svgToPng } from '../../src/docs/png';
import { checkTopology } from '../../src/guard/check';
import { prefecture, synthesized } from '../docs/diagram-fixtures';
import { Engine, openPath } from '../guard/open-path';
import { chromiumBinary, closeBrowser, overlaps, REPORTS, requireChromium, withPage } from '../support/browser';
import { parseXml } from '../support/xml';

const EXAMPLES = Object.keys(BLUEPRINTS);
const ENGINES: Engine[] = ['cloudformation', 'terraform'];

// Callbacks of `evaluate` run in the page: its globals are reached through globalThis (the tests compile without the DOM library).
describe('diagram in headless Chromium', () => {
  if (!requireChromium()) return;
  afterAll(closeBrowser);

  /** The `data-id` of every group matched by `selector` whose text does not fit inside its box. */
  function overflowing(p: Page, selector: string): Promise<string[]> {
    return p.evaluate((matched) => [...(globalThis as any).document.querySelectorAll(matched)].flatMap((g: any) => {
      const r = g.querySelector('rect').getBBox();
      const t = g.querySelector('text').getBBox();
      const fits = t.x >= r.x && t.y >= r.y && t.x + t.width <= r.x + r.width + 0.5 && t.y + t.height <= r.y + r.height + 0.5;
      return fits ? [] : [g.getAttribute('data-id')];
    }), selector);
  }

  /** An HTML page that inlines the SVG, as the HTML report does. */
  function htmlPage(file: string, svg: string): string {
    fs.mkdirSync(REPORTS, { recursive: true });
    const html = path.join(REPORTS, `${file}.html`);
    fs.writeFileSync(html, `<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8"><title>diagram</title>\n<style>body{margin:0}</style></head><body>\n${svg}</body></html>\n`);
    return html;
  }

  test.each(EXAMPLES)('the %s example: segments and flow labels are visible, the text fits its boxes', async (name) => {
    const { graph, flows } = synthesized('cloudformation', name);
    const svg = renderNetworkDiagram({ graph, flows, language: 'en' });
    const root = parseXml(svg);
    const viewport = { width: Number(root.attrs.width), height: Number(root.attrs.height) };
    await withPage(htmlPage(`diagram-${name}`, svg), `diagram-${name}`, async (p) => {
      // Chromium's XML parser is strict: a malformed document yields a <parsererror>.
      expect(await p.evaluate((s) => new (globalThis as any).DOMParser().parseFromString(s, 'image/svg+xml').getElementsByTagName('parsererror').length, svg)).toBe(0);
      const visible = (b: { x: number; y: number; width: number; height: number } | null) => {
        expect(b).not.toBeNull();
        expect(b!.width).toBeGreaterThan(0);
        expect(b!.height).toBeGreaterThan(0);
        expect(b!.x).toBeGreaterThanOrEqual(0);
        expect(b!.y).toBeGreaterThanOrEqual(0);
        expect(b!.x + b!.width).toBeLessThanOrEqual(viewport.width + 0.5);
        expect(b!.y + b!.height).toBeLessThanOrEqual(viewport.height + 0.5);
        return b!;
      };
      const segments = [];
      for (const s of ['MY_NUMBER', 'LGWAN', 'INTERNET']) {
        const cluster = p.locator(`g.jn-segment[data-segment="${s}"] > rect`);
        await expect(cluster.isVisible()).resolves.toBe(true);
        segments.push(visible(await cluster.boundingBox()));
        await expect(p.locator(`g.jn-segment[data-segment="${s}"] > text`).isVisible()).resolves.toBe(true);
      }
      for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) expect(overlaps(segments[i], segments[j])).toBe(false);
      for (const f of flows) {
        const label = p.locator(`g.jn-flow[data-flow="${f.name}"] text`);
        await expect(label.isVisible()).resolves.toBe(true);
        visible(await label.boundingBox());
      }
      // The box sizes are estimated without font metrics at synth: every label must still fit in its box.
      expect(await overflowing(p, 'g.jn-node')).toEqual([]);
    }, viewport);
    expect(fs.statSync(path.join(REPORTS, `diagram-${name}.png`)).size).toBeGreaterThan(10_000);
  });

  test.each(ENGINES)('the reference prefecture (%s): the security cloud and segments are visible, the text fits its boxes', async (engine) => {
    const { graph, flows } = prefecture(engine);
    const svg = renderNetworkDiagram({ graph, flows });
    const root = parseXml(svg);
    const file = `diagram-prefecture-${engine}`;
    await withPage(htmlPage(file, svg), file, async (p) => {
      expect(await p.evaluate((s) => new (globalThis as any).DOMParser().parseFromString(s, 'image/svg+xml').getElementsByTagName('parsererror').length, svg)).toBe(0);
      for (const selector of ['g.jn-security-cloud > rect', 'g.jn-security-cloud > text', ...['MY_NUMBER', 'LGWAN', 'INTERNET'].map((s) => `g.jn-segment[data-segment="${s}"] > text`)]) {
        await expect(p.locator(selector).isVisible()).resolves.toBe(true);
      }
      expect(await overflowing(p, 'g.jn-node, g.jn-cluster')).toEqual([]);
    }, { width: Number(root.attrs.width), height: Number(root.attrs.height) });
    expect(fs.statSync(path.join(REPORTS, `${file}.png`)).size).toBeGreaterThan(10_000);
  });

  test('a refused network shows its forbidden path in red (test-reports/diagram-alpha-forbidden.png)', async () => {
    const { flows } = synthesized('cloudformation', 'alpha');
    const opened = openPath('cloudformation', 'alpha');
    const findings = checkTopology(opened.graph, { model: BLUEPRINTS.alpha.model }, { flows });
    const svg = renderNetworkDiagram({ graph: opened.graph, flows, findings });
    const root = parseXml(svg);
    await withPage(htmlPage('diagram-alpha-forbidden', svg), 'diagram-alpha-forbidden', async (p) => {
      const red = p.locator('g.jn-forbidden path');
      expect(await red.count()).toBeGreaterThan(0);
      for (let i = 0; i < await red.count(); i++) {
        await expect(red.nth(i).isVisible()).resolves.toBe(true);
        expect(await red.nth(i).evaluate((e) => (globalThis as any).getComputedStyle(e).stroke)).toBe('rgb(213, 94, 0)');
      }
    }, { width: Number(root.attrs.width), height: Number(root.attrs.height) });
  });

  test('svgToPng writes a PNG of the drawing at its size', () => {
    const { graph, flows } = synthesized('cloudformation', 'beta');
    const svg = renderNetworkDiagram({ graph, flows });
    const root = parseXml(svg);
    const png = svgToPng(svg, { chromium: chromiumBinary });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(png.readUInt32BE(16)).toBe(Number(root.attrs.width));
    expect(png.readUInt32BE(20)).toBe(Number(root.attrs.height));
    const small = svgToPng(svg, { chromium: chromiumBinary, width: 640, height: 480 });
    expect([small.readUInt32BE(16), small.readUInt32BE(20)]).toEqual([640, 480]);
    fs.writeFileSync(path.join(REPORTS, 'diagram-beta-svgToPng.png'), png);
  });
});
