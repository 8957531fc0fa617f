require('../src/main');
