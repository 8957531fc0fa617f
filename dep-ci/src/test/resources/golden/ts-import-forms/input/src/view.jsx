import R from './required';
export const V = () => <div>{R}</div>;
