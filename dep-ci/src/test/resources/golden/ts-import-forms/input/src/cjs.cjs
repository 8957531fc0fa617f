const m = require('./required.js');
