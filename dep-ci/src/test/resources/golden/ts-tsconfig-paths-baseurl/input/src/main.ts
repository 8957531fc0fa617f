import { a } from '@app/feature';
import { s } from '@shared';
import { m } from '@multi/only-second';
import { b } from 'lib/base';
import { gone } from '@app/missing';
import React from 'react';
