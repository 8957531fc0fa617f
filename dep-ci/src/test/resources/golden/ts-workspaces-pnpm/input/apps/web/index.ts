import { ui } from 'ui-kit';
import { deep } from '@scope/deep';
