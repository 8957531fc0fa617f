import { x } from './utils';
