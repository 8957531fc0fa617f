declare const B: number;
