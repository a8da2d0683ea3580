// Reference deployment: the beta model. Synthesize with `npm run synth:examples`.
import { buildCdkExample } from './_app';

buildCdkExample('beta').app.synth();
