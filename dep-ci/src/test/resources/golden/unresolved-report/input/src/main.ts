import { ok } from './ok';
import { gone } from './gone';
import { ext } from 'external-pkg';
