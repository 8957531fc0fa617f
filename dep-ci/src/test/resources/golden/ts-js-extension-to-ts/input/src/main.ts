import { a } from './a.js';
import { b } from './b.mjs';
import { c } from './c.cjs';
import { d } from './d.jsx';
import { e } from './e.js';
