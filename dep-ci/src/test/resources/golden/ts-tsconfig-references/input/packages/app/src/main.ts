import { core } from '../../core/dist/index.js';
import { extra } from '#core-extra';
