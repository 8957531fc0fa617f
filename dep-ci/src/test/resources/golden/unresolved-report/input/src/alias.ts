import '@missing/thing';
