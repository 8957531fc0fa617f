export const feat = 1;
