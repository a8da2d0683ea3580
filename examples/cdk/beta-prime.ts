// Reference deployment: the beta-prime model. Synthesize with `npm run synth:examples`.
import { buildCdkExample } from './_app';

buildCdkExample('beta-prime').app.synth();
