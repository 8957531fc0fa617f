import type { A } from './types';
export const c = 1;
