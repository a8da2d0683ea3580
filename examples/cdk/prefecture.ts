// Reference deployment: a prefecture security cloud hub and members of every model. Synthesize with `npm run synth:examples`.
import { buildCdkPrefecture } from './_prefecture';

buildCdkPrefecture().app.synth();
