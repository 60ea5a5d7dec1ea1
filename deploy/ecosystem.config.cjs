// pm2 process file for the live bot (`linli start`). From the project folder:
//   pm2 start deploy/ecosystem.config.cjs && pm2 save && pm2 startup
//   pm2 logs linli --raw          # the QR code to scan, and every notice
//
// Exit codes of `linli start`: 0 clean stop; 1 fatal but worth a restart (WeChat unreachable,
// message stream stalled and a restart did not help, logged out with nobody scanning again,
// state could no longer be saved); 2 needs a person (state file or config unusable, left
// untouched): pm2 does not restart on 2 (stop_exit_codes); fix the file, then `pm2 restart linli`.
const path = require('node:path');

const root = path.resolve(__dirname, '..');

module.exports = {
  apps: [
    {
      name: 'linli',
      cwd: root,
      script: 'bin/linli.mjs',
      args: 'start --data data',
      interpreter: 'node',
      exec_mode: 'fork',
      instances: 1, // one WeChat login: never more than one process
      env: {
        NODE_ENV: 'production',
        LINLI_LOG_LEVEL: 'info',
        WECHATY_PUPPET: 'wechaty-puppet-wechat4u',
      },
      autorestart: true,
      restart_delay: 30_000,
      // A run shorter than min_uptime is an unstable restart; after max_restarts of those in a
      // row pm2 gives up (status "errored") instead of looping on a machine with no network.
      min_uptime: '5m',
      max_restarts: 10,
      stop_exit_codes: [2], // the ecosystem key works; the --stop-exit-codes CLI flag does not (pm2 issue #5208)
      kill_timeout: 20_000, // linli saves and stops within a few seconds of SIGTERM
      watch: false, // linli reloads faq.yaml by itself; a restart on every edit would only cost a reconnect
      time: true,
      merge_logs: true,
      error_file: path.join(root, 'data', 'linli-pm2.err.log'),
      out_file: path.join(root, 'data', 'linli-pm2.out.log'),
    },
  ],
};
