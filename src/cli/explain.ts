import { Command, InvalidArgumentError, Option } from 'commander';
import { judgedScope, withModelOptions } from './blueprint';
import { CliError, CliIo, EXIT } from './io';
import { LoadFlags, loadJudged, withLoadOptions } from './load';
import { visible } from '../guard/display';
import { explainFinding, FindingExplanation, formatExplanation } from '../guard/explain';
import { Finding, guardLanguageOf } from '../guard/rule';
import { ALL_RULES } from '../guard/rules';
import { GuardLanguage } from '../model/guard-options';
import { AlphaPrimeCase, NetworkModel } from '../model/network-model';

interface ExplainFlags extends LoadFlags {
  readonly model?: NetworkModel;
  readonly blueprint?: string;
  readonly case?: AlphaPrimeCase;
  readonly from?: string;
  readonly to?: string;
  readonly maxCut: number;
  readonly format: 'text' | 'json';
  readonly language?: string;
}

function parseMaxCut(value: string): number {
  const n = Number(value);
  // Each size multiplies the re-checks by the number of elements on the paths; past 4 the search rarely ends.
  if (!Number.isInteger(n) || n < 1 || n > 4) throw new InvalidArgumentError(`"${value}" is no cut size; give 1, 2, 3 or 4`);
  return n;
}

/** Register `explain`: the path of each finding of one rule, hop by hop, and the smallest cut that closes it. */
export function registerExplain(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const command = program.command('explain')
    .summary('show how a rule\'s findings are reached, hop by hop, and the fewest routes / rules whose removal closes each')
    .description('Explain the findings of one rule on synthesized artifacts: for each finding the path that carries it, hop by hop (the '
      + 'route, transit gateway element or firewall at each step, and the packets that reach each subnet), and the smallest '
      + 'set of routes, transit gateway associations / propagations / routes, NACL entries or peerings whose removal closes it '
      + '(an exact search up to --max-cut elements). A finding that is not about a path (a missing log, a rule too wide) '
      + 'gets the rule\'s fix.\n\n'
      + 'Exit codes: 0 the rule has no finding; 1 findings explained; 2 unusable input.')
    .argument('<rule>', `a rule ID: ${ALL_RULES.map((r) => r.id).join(', ')}`)
    .argument('<artifact...>', 'cdk.out directory, template JSON, cdk.tf.json, cdktf.out directory or Terraform plan JSON');
  withModelOptions(command)
    .option('--from <subnet>', 'only findings whose path starts in this subnet: logical ID / Terraform address, construct path, or CIDR')
    .option('--to <address>', 'only findings whose packets go to this address or CIDR (e.g. 0.0.0.0/0, 10.0.64.10)')
    .addOption(new Option('--max-cut <n>', 'the largest cut searched for (1-4)').argParser(parseMaxCut).default(3))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
  withLoadOptions(command, 'explain only the stacks of these names (glob, * and ?; repeatable); default: every stack')
    .action((rule: string, artifacts: string[], flags: ExplainFlags) => { setExit(runExplain(rule, artifacts, flags, io)); });
}

/** The explain command's work; returns the exit code. */
export function runExplain(ruleId: string, artifacts: readonly string[], flags: ExplainFlags, io: CliIo): number {
  const rule = ALL_RULES.find((r) => r.id === ruleId.trim().toUpperCase());
  if (!rule) throw new CliError(`"${ruleId}" is no rule of the guard; give one of ${ALL_RULES.map((r) => r.id).join(', ')}`);
  const { options, scope } = judgedScope(flags);
  if (!rule.models.includes(options.model)) {
    throw new CliError(`rule ${rule.id} does not apply to model ${options.model} (it applies to ${rule.models.join(', ')}); check --model`);
  }
  const { units } = loadJudged(artifacts, flags);
  const results: { stack: string; input: string; explanations: FindingExplanation[] }[] = [];
  for (const unit of units) {
    let explained: FindingExplanation[];
    try {
      explained = explainFinding(unit.graph, options, rule.id, { from: flags.from, to: flags.to, maxCutSize: flags.maxCut, scope });
    } catch (e) {
      // The library's own input errors (an unreadable --to) are the user's to fix.
      throw new CliError((e as Error).message.replace(/^explain: /, ''));
    }
    for (const stack of unit.stacks) {
      results.push({ stack: stack.name, input: unit.artifact.input, explanations: explained.filter((x) => stack.reports?.(x.finding) ?? true) });
    }
  }
  const total = results.reduce((n, r) => n + r.explanations.length, 0);
  const language = guardLanguageOf(options);
  const ja = language === GuardLanguage.JAPANESE;
  if (flags.format === 'json') {
    // In English the findings read as they always have; in Japanese they carry `ja` next to the English fields.
    const stacks = ja ? results : results.map((r) => ({ ...r, explanations: r.explanations.map((e) => ({ ...e, finding: withoutJa(e.finding) })) }));
    io.stdout(`${JSON.stringify({ rule: rule.id, model: options.model, alphaPrimeCase: options.alphaPrimeCase, stacks }, null, 2)}\n`);
  } else {
    for (const r of results) {
      const matching = `${flags.from ? ` --from ${flags.from}` : ''}${flags.to ? ` --to ${flags.to}` : ''}`;
      io.stdout(`${visible(ja
        ? `${r.stack}（${r.input}）: ${matching ? `${matching.trim()} に一致する` : ''}${rule.id} の指摘${r.explanations.length === 0 ? 'なし' : ` ${r.explanations.length} 件`}`
        : `${r.stack} (${r.input}): ${r.explanations.length === 0 ? `no ${rule.id} finding` : `${r.explanations.length} ${rule.id} finding(s)`}`
          + `${matching ? ` matching${matching}` : ''}`)}\n`);
      for (const e of r.explanations) io.stdout(`\n${formatExplanation(e, language)}\n`);
      if (r.explanations.length > 0) io.stdout('\n');
    }
  }
  return total > 0 ? EXIT.FINDINGS : EXIT.COMPLIANT;
}

/** A finding without its Japanese texts. */
function withoutJa({ ja: _ja, ...rest }: Finding): Omit<Finding, 'ja'> {
  return rest;
}
