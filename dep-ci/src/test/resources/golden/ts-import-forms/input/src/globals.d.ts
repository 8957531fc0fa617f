declare const G: string;
