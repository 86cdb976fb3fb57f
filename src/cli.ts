#!/usr/bin/env node
console.log('pulse: not yet implemented');
