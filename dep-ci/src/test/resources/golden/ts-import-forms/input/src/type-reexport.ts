export type Y = 1;
