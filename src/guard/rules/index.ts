import { AP1, AP2 } from './alpha-prime';
import { IN1 } from './internet';
import { LG1 } from './lgwan';
import { LOG1 } from './logging';
import { MN1, MN2, MN3 } from './my-number';
import { GUARD1, SEG1, SEG2 } from './segments';
import { GuardRule } from '../rule';

/** Every rule of the guard, in the order of REQUIREMENTS.md §3. */
export const ALL_RULES: readonly GuardRule[] = [MN1, MN2, MN3, LG1, AP1, AP2, IN1, LOG1, SEG1, SEG2, GUARD1];
