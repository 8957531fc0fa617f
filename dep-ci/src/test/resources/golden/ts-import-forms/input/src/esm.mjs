import { s } from './static.js';
