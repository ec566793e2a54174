// poolifier needs its own worker wrapper around the same task.
'use strict';
const { ThreadWorker } = require('poolifier');
module.exports = new ThreadWorker(require('./task.js'));
