import * as fs from 'fs';
import * as path from 'path';
import { READMES, ruleTable, withRuleTable } from '../../scripts/rule-table';
import { ALL_RULES } from '../../src/guard/rules';

describe('the README rule table', () => {
  test.each(READMES)('%s holds the table generated from the rule definitions (run `npm run docs:rules` after changing a rule)', (file) => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', file), 'utf8');
    expect(withRuleTable(readme, file)).toBe(readme);
  });

  test('every rule has a row with its ID, severity and term', () => {
    const table = ruleTable();
    for (const r of ALL_RULES) expect(table).toContain(`| ${r.id} | ${r.severity} |`);
    expect(table.split('\n').filter((l) => /^\| [A-Z]+-\d/.test(l))).toHaveLength(ALL_RULES.length);
  });

  test('a README without the markers is an error, not a silent pass', () => {
    expect(() => withRuleTable('# no table here', 'X.md')).toThrow(/markers are missing/);
  });
});
