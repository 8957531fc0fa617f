export declare const deep: number;
