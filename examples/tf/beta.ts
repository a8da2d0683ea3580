// Reference deployment for Terraform: the beta model. Synthesize with `npm run synth:examples`.
import { buildTfExample } from './_app';

buildTfExample('beta').app.synth();
