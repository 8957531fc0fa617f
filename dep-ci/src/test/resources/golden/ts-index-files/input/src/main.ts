import { a } from './lib';
import { b } from './widgets/';
import { c } from '.';
