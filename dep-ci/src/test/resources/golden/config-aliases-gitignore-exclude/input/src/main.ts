import { Button } from '@ui/button';
import { cfg } from '#config';
import { g } from './api.generated';
