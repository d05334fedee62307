// Waits until a Kafka broker actually serves metadata, which is what the app and the tests need;
// an open TCP port alone is not enough, because the KRaft broker accepts connections before it
// has registered itself with the controller and can answer requests.
//
// Usage: node deploy/kafka/wait-ready.cjs <host:port> <timeoutSeconds>
// It connects over TLS with SASL/SCRAM-SHA-512 as KAFKA_SASL_USERNAME, with the password in
// KAFKA_SASL_PASSWORD_FILE, trusting the CA in KAFKA_SSL_CA_FILE (deploy/kafka.sh sets all three).
// Exit codes: 0 ready, 1 not ready before the deadline, 2 usage or setup error.
// Plain CommonJS on purpose: it runs before anything is compiled, straight from deploy/kafka.sh.
'use strict';

const { readFileSync } = require('node:fs');

const [broker, timeoutArg] = process.argv.slice(2);
const timeoutSeconds = Number(timeoutArg);
if (!broker || !Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
  console.error('usage: node wait-ready.cjs <host:port> <timeoutSeconds>');
  process.exit(2);
}

let Kafka;
let logLevel;
try {
  ({ Kafka, logLevel } = require('kafkajs'));
} catch {
  console.error('kafkajs is not installed; run `npm ci` in the repository root first.');
  process.exit(2);
}

let security;
try {
  const {
    KAFKA_SSL_CA_FILE: caFile,
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD_FILE: passwordFile,
  } = process.env;
  if (!caFile || !username || !passwordFile)
    throw new Error('KAFKA_SSL_CA_FILE, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD_FILE must be set');
  security = {
    ssl: { ca: [readFileSync(caFile, 'utf8')] },
    sasl: { mechanism: 'scram-sha-512', username, password: readFileSync(passwordFile, 'utf8').trim() },
  };
} catch (error) {
  console.error(`cannot read the broker's credentials: ${error.message}`);
  process.exit(2);
}

const deadline = Date.now() + timeoutSeconds * 1000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A connect or request that hangs must not outlive the deadline.
setTimeout(() => {
  console.error(`broker ${broker} did not answer within ${timeoutSeconds}s`);
  process.exit(1);
}, timeoutSeconds * 1000).unref();

async function main() {
  // kafkajs retries internally with its own back-off; disable that so this loop decides the pace
  // and the deadline, and keep it silent because failures are expected while the broker boots.
  const kafka = new Kafka({
    clientId: 'keten-kafka-wait-ready',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    authenticationTimeout: 5000,
    requestTimeout: 3000,
    retry: { retries: 0 },
    ...security,
  });
  let lastError;
  while (Date.now() < deadline) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.listTopics();
      await admin.disconnect();
      return 0;
    } catch (error) {
      lastError = error;
      await admin.disconnect().catch(() => undefined);
      await sleep(500);
    }
  }
  console.error(
    `broker ${broker} did not answer within ${timeoutSeconds}s: ${lastError?.message ?? 'no attempt'}`,
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
