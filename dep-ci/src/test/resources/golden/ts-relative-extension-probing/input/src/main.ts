import { u } from './utils';
import C from './comp';
import data from './data.json';
import legacy from './legacy';
import decl from './types';
import gone from './missing';
import up from '../top';
