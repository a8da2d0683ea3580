/** The blueprint fuzz in AWS CDK (see ./register.ts). */
import { registerBlueprintFuzz } from './register';

registerBlueprintFuzz('cdk');
