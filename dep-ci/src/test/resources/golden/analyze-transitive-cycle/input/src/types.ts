import { c } from './c';
export type A = typeof c;
