import fs from 'node:fs';
import path from 'path';
import { z } from 'zod';
import { x } from '@scope/pkg/deep/path';
const m = require('lodash');
