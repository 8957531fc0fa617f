import { b } from '@org/b';
import { sub } from '@org/b/sub';
import { feat } from '@org/b/features/x';
import { c } from '@org/c';
import { i } from '@org/ignored';
import lodash from 'lodash/fp';
