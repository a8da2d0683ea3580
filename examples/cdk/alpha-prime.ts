// Reference deployment: the alpha-prime model. Synthesize with `npm run synth:examples`.
import { buildCdkExample } from './_app';

buildCdkExample('alpha-prime').app.synth();
