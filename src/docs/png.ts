/**
 * PNG of a diagram, where the user asks for one: Chromium's own headless screenshot of the SVG (no browser library at
 * run time; the SVG is drawn by the same engine the HTML report is read in).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** How to take the screenshot. */
export interface SvgToPngOptions {
  /** Path of the Chromium binary. @default `chromium`, then `chromium-browser`, looked up on PATH */
  readonly chromium?: string;
  /** Width of the image in px. @default the SVG's `width` attribute */
  readonly width?: number;
  /** Height of the image in px. @default the SVG's `height` attribute */
  readonly height?: number;
  /** How long Chromium may take, in ms. @default 60000 */
  readonly timeoutMs?: number;
}

const CANDIDATES = ['chromium', 'chromium-browser'];

/** The Chromium binary: the option, else the first of `chromium`, `chromium-browser` on PATH; an error says how to give one. */
export function locateChromium(option?: string): string {
  if (option !== undefined) {
    if (!isExecutable(option)) throw new Error(`svgToPng: the Chromium binary given with the \`chromium\` option (${option}) is not an executable file`);
    return option;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter((d) => d)) {
    for (const name of CANDIDATES) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  throw new Error(`svgToPng: no Chromium found on PATH (looked for ${CANDIDATES.join(', ')}); install it (Debian: apt-get install chromium) or pass its path with the \`chromium\` option`);
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The number of a root `<svg>` attribute (`width="1200"`), if it is a plain number. */
function svgDimension(svg: string, name: 'width' | 'height'): number | undefined {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const m = new RegExp(`\\s${name}="(\\d+(?:\\.\\d+)?)(?:px)?"`).exec(root);
  return m ? Math.ceil(Number(m[1])) : undefined;
}

/**
 * Render an SVG document to PNG with headless Chromium (`--screenshot` of a temporary file). Synchronous, so it can run
 * inside a synthesis. Throws when Chromium is missing (naming the `chromium` option) or fails.
 */
export function svgToPng(svg: string, options: SvgToPngOptions = {}): Buffer {
  const chromium = locateChromium(options.chromium);
  const width = options.width ?? svgDimension(svg, 'width') ?? 1600;
  const height = options.height ?? svgDimension(svg, 'height') ?? 1200;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && width <= 16384 && height <= 16384)) {
    throw new Error(`svgToPng: width and height must be whole numbers of px between 1 and 16384 (got ${width} × ${height})`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jichitai-svg-'));
  try {
    const input = path.join(dir, 'diagram.svg');
    const output = path.join(dir, 'diagram.png');
    fs.writeFileSync(input, svg);
    const args = [
      '--headless', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--no-default-browser-check', '--mute-audio',
      '--disable-extensions', '--disable-dev-shm-usage', '--force-device-scale-factor=1', '--default-background-color=FFFFFFFF',
      `--user-data-dir=${path.join(dir, 'profile')}`, `--window-size=${width},${height}`, `--screenshot=${output}`,
      // Chromium refuses to run as root with its sandbox (containers, CI).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      `file://${input}`,
    ];
    try {
      execFileSync(chromium, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs ?? 60_000 });
    } catch (e) {
      const err = e as { stderr?: Buffer; message: string };
      throw new Error(`svgToPng: ${chromium} failed: ${err.message}${err.stderr ? `\n${err.stderr.toString().slice(-2000)}` : ''}`);
    }
    if (!fs.existsSync(output)) throw new Error(`svgToPng: ${chromium} wrote no screenshot`);
    return fs.readFileSync(output);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
