/** The AWS CDK mutation suite in Japanese (see mutations-ja.ts). */
import { examplesInJapanese, runJapaneseSuite, SuiteArgs } from './mutations-ja';

const mockSuites: SuiteArgs[] = [];
jest.mock('./mutation-suite', () => ({
  ...jest.requireActual('./mutation-suite'),
  runMutationSuite: (...args: SuiteArgs) => { mockSuites.push(args); },
}));

examplesInJapanese();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the suite's case tables, read through the stand-in above
require('./mutations-cdk.test');
runJapaneseSuite(mockSuites[0]);
