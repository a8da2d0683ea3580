// Reference deployment: a prefecture security cloud hub and members of every model. Synthesize with `npm run synth:examples`.
import { buildTfPrefecture } from './_prefecture';

buildTfPrefecture().app.synth();
