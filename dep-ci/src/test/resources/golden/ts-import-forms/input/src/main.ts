/// <reference path="./globals.d.ts" />
/// <reference path="lib/bare.d.ts" />
/// <reference types="node" />
const greeting = 'héllo 😀 wörld'; import { s } from './static';
import type { T } from './types';
export * from './reexport';
export { x } from './named-reexport';
export type { Y } from './type-reexport';
import './side-effect';
import fs = require('./import-equals');
const lazy = () => import('./dynamic');
const r = require('./required');
const notLiteral = import(greeting);
// import './in-comment';
const s2 = "import './in-string'";
