import * as fs from 'fs';
import * as path from 'path';
import { CATALOGUE, READMES, ruleCatalogue, ruleTable, withRuleTable } from '../../scripts/rule-table';
import { ALL_RULES } from '../../src/guard/rules';
import { RULE_DOCUMENTATION } from '../../src/guard/rules/catalogue';

const root = path.join(__dirname, '..', '..');

describe('the rule documentation (README tables, docs/rules.md)', () => {
  test.each(READMES)('%s holds the table generated from the rule definitions (run `npm run docs:rules` after changing a rule)', (file) => {
    const readme = fs.readFileSync(path.join(root, file), 'utf8');
    expect(withRuleTable(readme, file)).toBe(readme);
  });

  test(`${CATALOGUE} is the catalogue generated from the rules and their sources (run \`npm run docs:rules\`)`, () => {
    expect(fs.readFileSync(path.join(root, CATALOGUE), 'utf8')).toBe(ruleCatalogue());
  });

  test('every rule has a row with its ID, severity and term, in both languages, and a catalogue entry', () => {
    for (const language of ['en', 'ja'] as const) {
      const table = ruleTable(language);
      for (const r of ALL_RULES) expect(table).toContain(`| [${r.id}](docs/rules.md#${r.id.toLowerCase()}) | ${r.severity} |`);
      expect(table.split('\n').filter((l) => /^\| \[[A-Z]+-\d/.test(l))).toHaveLength(ALL_RULES.length);
    }
    expect(Object.keys(RULE_DOCUMENTATION).sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
  });

  test('a README without the markers is an error, not a silent pass', () => {
    expect(() => withRuleTable('# no table here', 'X.md')).toThrow(/markers are missing/);
  });
});
