export type T = 1;
