// Reference deployment for Terraform: the alpha model. Synthesize with `npm run synth:examples`.
import { buildTfExample } from './_app';

buildTfExample('alpha').app.synth();
