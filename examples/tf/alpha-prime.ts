// Reference deployment for Terraform: the alpha-prime model. Synthesize with `npm run synth:examples`.
import { buildTfExample } from './_app';

buildTfExample('alpha-prime').app.synth();
