import './dir';
