import { AP1, AP2, AP7 } from './alpha-prime';
import { BP1 } from './assets';
import { AP3, AP4, AP5, AP6 } from './breakout-controls';
import { LG4, MN5 } from './endpoints';
import { FLOW1 } from './flows';
import { IN1, IN2 } from './internet';
import { LG1, LG2, LG3 } from './lgwan';
import { LOG1 } from './logging';
import { MN1, MN2, MN3, MN4 } from './my-number';
import { PL1 } from './placement';
import { SC1, SC2, SC3, SC4 } from './security-cloud';
import { GUARD1, GUARD2, SEG1, SEG2 } from './segments';
import { GuardRule } from '../rule';

/** Every rule of the guard, in the order of REQUIREMENTS.md §3. */
export const ALL_RULES: readonly GuardRule[] = [
  MN1, MN2, MN3, MN4, MN5, LG1, LG2, LG3, LG4, AP1, AP2, AP3, AP4, AP5, AP6, AP7, IN1, IN2, BP1, FLOW1, LOG1, SC1, SC2, SC3, SC4, SEG1, SEG2, PL1,
  GUARD1, GUARD2,
];
