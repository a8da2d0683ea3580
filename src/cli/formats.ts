import * as fs from 'fs';
import * as path from 'path';
import type { CheckRun, StackResult } from './check';
import { guardFindingId } from '../guard/acknowledge';
import { visible } from '../guard/display';
import { Finding, findingText, formatFindingIn, guardLanguageOf, Severity, severityText } from '../guard/rule';
import { ALL_RULES } from '../guard/rules';
import { RULE_DOCUMENTATION } from '../guard/rules/catalogue';
import { GuardLanguage } from '../model/guard-options';
import { ALPHA_PRIME_CASE_JA, MODEL_JA } from '../model/network-model';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
export type OutputFormat = typeof FORMATS[number];

export function render(format: OutputFormat, run: CheckRun): string {
  switch (format) {
    case 'text': return renderText(run);
    case 'json': return renderJson(run);
    case 'sarif': return renderSarif(run);
    case 'junit': return renderJunit(run);
    case 'markdown': return renderMarkdown(run);
  }
}

/**
 * name, version and repository of this package: its package.json, the nearest one above this file named jichitai-network
 * (two levels up from src/cli and lib/cli; further when the bench compiles the CLI elsewhere in the repository).
 */
export function packageInfo(): { name: string; version: string; homepage: string } {
  let pkg: any;
  for (let dir = __dirname; !pkg; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (json.name === 'jichitai-network') pkg = json;
    }
    if (!pkg && path.dirname(dir) === dir) throw new Error(`no package.json of jichitai-network above ${__dirname}`);
  }
  const repo = String(pkg.repository?.url ?? pkg.repository ?? '').replace(/^git\+/, '').replace(/\.git$/, '');
  return { name: pkg.name, version: pkg.version, homepage: repo };
}

function modelName(run: CheckRun): string {
  const c = run.options.alphaPrimeCase;
  return `${MODEL_JA[run.options.model]}${c ? ` ${ALPHA_PRIME_CASE_JA[c]}` : ''}`;
}

/** Whether the run reports in Japanese (`--language ja`, or the blueprint's `language`). */
function japanese(run: CheckRun): boolean {
  return guardLanguageOf(run.options) === GuardLanguage.JAPANESE;
}

// --- text ----------------------------------------------------------------------------------------------------------

function renderText(run: CheckRun): string {
  if (japanese(run)) return renderTextJa(run);
  const lines: string[] = [];
  for (const r of run.results) {
    const o = r.outcome;
    const verdict = o.blocking.length > 0 ? `REFUSED: ${o.blocking.length} blocking finding(s)` : 'compliant';
    lines.push(`${r.stack.name} (${r.input}, ${modelName(run)}): ${verdict}`);
    if (r.hubEvidence) {
      const h = r.hubEvidence;
      lines.push(`  hub evidence: ${h.artifact} and ${h.outputs}: ${h.boundOutputs.length} output(s) and ${h.boundAttachments.length} attachment(s) bound `
        + '(files, SHA-256 and assumptions in the JSON report\'s securityCloudHub)');
    }
    o.errors.forEach((e) => lines.push(`  error: ${e}`));
    o.warnings.forEach((w) => lines.push(`  warning: ${w}`));
    o.notes.forEach((n) => lines.push(`  info: ${n}`));
  }
  const blocking = run.results.reduce((n, r) => n + r.outcome.blocking.length, 0);
  lines.push(blocking === 0
    ? `${run.results.length} stack(s) checked: compliant with ${run.options.model}.`
    : `${run.results.length} stack(s) checked: ${blocking} blocking finding(s). Exit code 1.`);
  lines.push(...scopeNote(run));
  return `${lines.map((l) => visible(l)).join('\n')}\n`;
}

/** `renderText` in Japanese: the same lines, the findings as `formatFindingIn(…, JAPANESE)` words them. */
function renderTextJa(run: CheckRun): string {
  const lines: string[] = [];
  for (const r of run.results) {
    const o = r.outcome;
    const verdict = o.blocking.length > 0 ? `拒否: 合成を止める指摘 ${o.blocking.length} 件` : '準拠';
    lines.push(`${r.stack.name}（${r.input}、${modelName(run)}）: ${verdict}`);
    if (r.hubEvidence) {
      const h = r.hubEvidence;
      lines.push(`  ハブの証跡: ${h.artifact} と ${h.outputs}: 出力 ${h.boundOutputs.length} 件とアタッチメント ${h.boundAttachments.length} 件を対応付けた`
        + '（ファイル、SHA-256、前提は JSON レポートの securityCloudHub）');
    }
    o.errors.forEach((e) => lines.push(`  エラー: ${e}`));
    o.warnings.forEach((w) => lines.push(`  警告: ${w}`));
    o.notes.forEach((n) => lines.push(`  情報: ${n}`));
  }
  const blocking = run.results.reduce((n, r) => n + r.outcome.blocking.length, 0);
  lines.push(blocking === 0
    ? `${run.results.length} スタックを検査: ${MODEL_JA[run.options.model]}に準拠。`
    : `${run.results.length} スタックを検査: 合成を止める指摘 ${blocking} 件。終了コード 1。`);
  lines.push(...scopeNote(run));
  return `${lines.map((l) => visible(l)).join('\n')}\n`;
}

/** What the check could not judge without the blueprint: said, so that a pass is not read as more than it is. */
function scopeNote(run: CheckRun): string[] {
  if (japanese(run)) {
    return run.blueprint === undefined
      ? ['注: --blueprint の指定がないため、FLOW-1 では開通を証明する宣言済みの通信がなく、AP-7 はロールのラベルを付けたホストだけを判定した。']
      : [`宣言した通信とホストは ${run.blueprint} から読んだ。`];
  }
  return run.blueprint === undefined
    ? ['note: no --blueprint given: FLOW-1 had no declared flow to prove open, and AP-7 judged role-labelled hosts only.']
    : [`declared flows and hosts from ${run.blueprint}.`];
}

// --- json ----------------------------------------------------------------------------------------------------------

/** An array of the reports written at synth (`jichitai-guard-report.<stack>.json`), one per stack. */
function renderJson(run: CheckRun): string {
  return `${JSON.stringify(run.results.map((r) => JSON.parse(r.outcome.report)), null, 2)}\n`;
}

// --- SARIF 2.1.0 ---------------------------------------------------------------------------------------------------

/** SARIF's level of each severity (SARIF 2.1.0 §3.27.10: error, warning, note). */
const SARIF_LEVEL: Readonly<Record<Severity, string>> = { [Severity.CRITICAL]: 'error', [Severity.ERROR]: 'error', [Severity.WARNING]: 'warning' };

function ruleHelp(ruleId: string): { text: string; markdown: string } {
  const doc = RULE_DOCUMENTATION[ruleId];
  const rule = ALL_RULES.find((r) => r.id === ruleId)!;
  const cites = (doc?.citations ?? []).map((c) => `${c.source.title}, ${c.where}: 「${c.quote}」`);
  const text = [`${rule.summary} (${rule.term})`, doc?.rationale, ...cites.map((c) => `Source: ${c}`)].filter(Boolean).join('\n');
  const markdown = [`**${rule.id}** (${rule.term}, ${rule.severity}): ${rule.summary}`, doc ? `\n${doc.rationale}` : '',
    ...(doc?.citations ?? []).map((c) => `\n> ${c.quote}\n>\n> — ${c.source.title}, ${c.where}`)].join('\n');
  return { text, markdown };
}

function renderSarif(run: CheckRun): string {
  const info = packageInfo();
  const language = guardLanguageOf(run.options);
  const ja = language === GuardLanguage.JAPANESE;
  const rules = ALL_RULES.filter((r) => r.models.includes(run.options.model));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const cwd = process.cwd();
  const results: unknown[] = [];
  for (const r of run.results) {
    const add = (f: Finding, suppression?: string) => results.push({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: SARIF_LEVEL[f.severity],
      message: { text: visible(ja ? `${findingText(f, language).message}。対処: ${findingText(f, language).fix}` : `${f.message}. Fix: ${f.fix}`) },
      locations: [location(r, f.path, f, cwd)],
      ...(f.hops.length > 0 ? {
        codeFlows: [{
          message: { text: visible(f.hops.map((h) => h.label).join(' → ')) },
          threadFlows: [{
            locations: f.hops.map((h, i) => ({
              executionOrder: i + 1,
              location: { message: { text: visible(h.label) }, logicalLocations: [{ fullyQualifiedName: visible(nameOfNode(r, h.node)), kind: 'resource' }] },
            })),
          }],
        }],
      } : {}),
      ...(suppression !== undefined ? { suppressions: [{ kind: 'external', status: 'accepted', justification: visible(suppression) }] } : {}),
      partialFingerprints: { 'jichitaiFinding/v1': `${r.stack.name}|${f.ruleId}|${f.path}|${f.hops.map((h) => h.node).join('>')}` },
      properties: { stack: r.stack.name, severity: f.severity, term: f.term, acknowledgementId: guardFindingId(f.ruleId) },
    });
    r.outcome.blocking.forEach((f) => add(f));
    r.outcome.warned.forEach((f) => add(f));
    r.outcome.acknowledged.forEach((a) => add(a.finding, a.reason));
  }
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: info.name,
          version: info.version,
          semanticVersion: info.version,
          informationUri: info.homepage,
          rules: rules.map((rule) => ({
            id: rule.id,
            name: rule.id.replace(/[^A-Za-z0-9]/g, ''),
            shortDescription: { text: rule.summary },
            fullDescription: { text: ruleHelp(rule.id).text },
            help: ruleHelp(rule.id),
            helpUri: `${info.homepage}/blob/main/docs/rules.md#${rule.id.toLowerCase()}`,
            defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
            properties: { severity: rule.severity, term: rule.term, tags: ['security', 'network', '三層の対策'] },
          })),
        },
      },
      automationDetails: { id: `jichitai-network/check/${run.options.model}/` },
      invocations: [{ executionSuccessful: true }],
      results,
      properties: { model: run.options.model, alphaPrimeCase: run.options.alphaPrimeCase },
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function nameOfNode(r: StackResult, id: string): string {
  return r.graph.nodes.get(id)?.path ?? id;
}

/**
 * A result's location: the construct path or Terraform address as the logical location, and (code scanning wants a
 * file) the stack's file at the line that names the resource.
 */
function location(r: StackResult, where: string, f: Finding, cwd: string): unknown {
  const nodeId = [...r.graph.nodes.values()].find((n) => n.path === where || n.id === where)?.id ?? f.hops[0]?.node;
  const local = nodeId ? r.stack.localId?.(nodeId) : undefined;
  const physical = r.stack.file ? {
    physicalLocation: {
      artifactLocation: { uri: path.relative(cwd, path.resolve(r.stack.file)).split(path.sep).join('/') },
      region: { startLine: lineOf(r.stack.file, local) },
    },
  } : {};
  return { ...physical, logicalLocations: [{ fullyQualifiedName: visible(where), kind: 'resource' }] };
}

const lineCache = new Map<string, string[]>();
function lineOf(file: string, local: string | undefined): number {
  if (!local) return 1;
  let lines = lineCache.get(file);
  if (!lines) {
    lines = fs.readFileSync(file, 'utf8').split('\n');
    lineCache.set(file, lines);
  }
  // The resource's key: `"Vpc8378EB38": {` in a template; `"name": {` under its type in Terraform JSON.
  const key = JSON.stringify(local.includes('.') && !local.startsWith('module.') ? local.split('.').slice(-1)[0] : local);
  const i = lines.findIndex((l) => l.trimStart().startsWith(`${key}:`));
  return i < 0 ? 1 : i + 1;
}

// --- JUnit XML -----------------------------------------------------------------------------------------------------

/** XML text: hidden characters escaped as `visible` shows them (XML 1.0 §2.2 forbids most controls anyway), markup escaped. */
function xml(text: string): string {
  return visible(text, true).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * One `<testsuite>` per stack, one `<testcase>` per rule of the model (so passes show), one `<failure>` per blocking
 * finding. Warnings and acknowledged findings do not fail a check, so they are the test case's `<system-out>`, not
 * `<skipped>` (the rule did run).
 */
function renderJunit(run: CheckRun): string {
  const rules = ALL_RULES.filter((r) => r.models.includes(run.options.model));
  const language = guardLanguageOf(run.options);
  const ja = language === GuardLanguage.JAPANESE;
  const formatFinding = (f: Finding) => formatFindingIn(f, language);
  const suites = run.results.map((r) => {
    const cases = rules.map((rule) => {
      const blocking = r.outcome.blocking.filter((f) => f.ruleId === rule.id);
      const out = [
        ...r.outcome.warned.filter((f) => f.ruleId === rule.id).map((f) => `${ja ? '警告' : 'warning'}: ${formatFinding(f)}`),
        ...r.outcome.acknowledged.filter((a) => a.finding.ruleId === rule.id)
          .map((a) => (ja ? `例外承認済み: ${formatFinding(a.finding)} 理由: ${a.reason}` : `acknowledged: ${formatFinding(a.finding)} Reason: ${a.reason}`)),
      ];
      const failures = blocking.map((f) => `      <failure message="${xml(`[${f.path}] ${findingText(f, language).message}`)}" type="${xml(`${f.ruleId} ${f.severity}`)}">${xml(formatFinding(f))}</failure>\n`);
      const body = failures.join('') + (out.length > 0 ? `      <system-out>${xml(out.join('\n'))}</system-out>\n` : '');
      const open = `    <testcase name="${xml(`${rule.id} ${rule.summary}`)}" classname="${xml(`jichitai-network.${r.stack.name}`)}"`;
      return body ? `${open}>\n${body}    </testcase>\n` : `${open}/>\n`;
    });
    const failures = rules.filter((rule) => r.outcome.blocking.some((f) => f.ruleId === rule.id)).length;
    return `  <testsuite name="${xml(r.stack.name)}" tests="${rules.length}" failures="${failures}" errors="0" skipped="0">\n`
      + `    <properties>\n      <property name="artifact" value="${xml(r.input)}"/>\n      <property name="model" value="${xml(run.options.model)}"/>\n`
      + (run.options.alphaPrimeCase ? `      <property name="alphaPrimeCase" value="${xml(run.options.alphaPrimeCase)}"/>\n` : '')
      + `    </properties>\n${cases.join('')}  </testsuite>\n`;
  });
  const tests = rules.length * run.results.length;
  const failures = run.results.reduce((n, r) => n + new Set(r.outcome.blocking.map((f) => f.ruleId)).size, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="jichitai-network check" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('')}</testsuites>\n`;
}

// --- Markdown ------------------------------------------------------------------------------------------------------

/**
 * A Markdown table cell of text that may come from a template: hidden characters escaped (`visible`: a carriage return
 * would end the row), the cell separator, brackets (links, images), code spans and emphasis escaped, and HTML, so that
 * a name can neither end the cell nor make a link, image or inline HTML of the pull-request comment. (Inside a cell a
 * heading or list marker does not start a block: `#`, `-` and `+` stay as they are.)
 */
function cell(text: string): string {
  return visible(text).replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A summary table for a pull-request comment, then the findings. */
function renderMarkdown(run: CheckRun): string {
  if (japanese(run)) return renderMarkdownJa(run);
  const blocking = run.results.reduce((n, r) => n + r.outcome.blocking.length, 0);
  const lines = [
    `### jichitai-network check: ${blocking === 0 ? '✅ compliant' : `❌ ${blocking} blocking finding(s)`}`,
    '',
    `Model: ${modelName(run)}`,
    '',
    '| Stack | Artifact | Verdict | Blocking | Warnings | Acknowledged |',
    '| --- | --- | --- | ---: | ---: | ---: |',
    ...run.results.map((r) => `| ${cell(r.stack.name)} | ${cell(r.input)} | ${r.outcome.blocking.length > 0 ? '❌ refused' : '✅ compliant'} | ${r.outcome.blocking.length} | ${r.outcome.warned.length} | ${r.outcome.acknowledged.length} |`),
  ];
  const rows = run.results.flatMap((r) => [
    ...r.outcome.blocking.map((f) => ({ r, f, state: f.severity })),
    ...r.outcome.warned.map((f) => ({ r, f, state: 'warning' })),
    ...r.outcome.acknowledged.map((a) => ({ r, f: a.finding, state: `acknowledged: ${a.reason}` })),
  ]);
  if (rows.length > 0) {
    lines.push('', '| Stack | Rule | Severity | Where | Finding | Fix |', '| --- | --- | --- | --- | --- | --- |');
    for (const { r, f, state } of rows) {
      const hops = f.hops.length > 0 ? ` Path: ${f.hops.map((h) => h.label).join(' → ')}` : '';
      lines.push(`| ${cell(r.stack.name)} | ${f.ruleId} | ${cell(state)} | ${cell(f.path)} | ${cell(`${f.message} (${f.term}).${hops}`)} | ${cell(f.fix)} |`);
    }
  }
  lines.push('', ...scopeNote(run).map((n) => `_${n}_`));
  return `${lines.join('\n')}\n`;
}

/** `renderMarkdown` in Japanese. */
function renderMarkdownJa(run: CheckRun): string {
  const blocking = run.results.reduce((n, r) => n + r.outcome.blocking.length, 0);
  const lines = [
    `### jichitai-network check: ${blocking === 0 ? '✅ 準拠' : `❌ 合成を止める指摘 ${blocking} 件`}`,
    '',
    `モデル: ${modelName(run)}`,
    '',
    '| スタック | 成果物 | 判定 | 阻止 | 警告 | 例外承認 |',
    '| --- | --- | --- | ---: | ---: | ---: |',
    ...run.results.map((r) => `| ${cell(r.stack.name)} | ${cell(r.input)} | ${r.outcome.blocking.length > 0 ? '❌ 拒否' : '✅ 準拠'} | ${r.outcome.blocking.length} | ${r.outcome.warned.length} | ${r.outcome.acknowledged.length} |`),
  ];
  const rows = run.results.flatMap((r) => [
    ...r.outcome.blocking.map((f) => ({ r, f, state: severityText(f.severity, GuardLanguage.JAPANESE) })),
    ...r.outcome.warned.map((f) => ({ r, f, state: severityText(Severity.WARNING, GuardLanguage.JAPANESE) })),
    ...r.outcome.acknowledged.map((a) => ({ r, f: a.finding, state: `例外承認済み: ${a.reason}` })),
  ]);
  if (rows.length > 0) {
    lines.push('', '| スタック | ルール | 重大度 | 場所 | 指摘 | 対処 |', '| --- | --- | --- | --- | --- | --- |');
    for (const { r, f, state } of rows) {
      const text = findingText(f, GuardLanguage.JAPANESE);
      const hops = f.hops.length > 0 ? ` 経路: ${f.hops.map((h) => h.label).join(' → ')}` : '';
      lines.push(`| ${cell(r.stack.name)} | ${f.ruleId} | ${cell(state)} | ${cell(f.path)} | ${cell(`${text.message}（${f.term}）。${hops}`)} | ${cell(text.fix)} |`);
    }
  }
  lines.push('', ...scopeNote(run).map((n) => `_${n}_`));
  return `${lines.join('\n')}\n`;
}
