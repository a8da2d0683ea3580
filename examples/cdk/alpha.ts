// Reference deployment: the alpha model. Synthesize with `npm run synth:examples`.
import { buildCdkExample } from './_app';

buildCdkExample('alpha').app.synth();
