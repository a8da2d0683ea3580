// Reference deployment for Terraform: the beta-prime model. Synthesize with `npm run synth:examples`.
import { buildTfExample } from './_app';

buildTfExample('beta-prime').app.synth();
