/** The blueprint fuzz in CDKTF (see ./register.ts). */
import { registerBlueprintFuzz } from './register';

registerBlueprintFuzz('cdktf');
