// Load generator for the benchmarks, run as its own process: autocannon (raw sockets, little CPU) sends every request
// of the list once through `concurrency` connections and prints its figures as one JSON line.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const { origin, concurrency, requests } = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let next = 0;
let answered = 0;
let lastAnswer = 0;
// autocannon notices the end only at its next sample tick (rounding the duration up to a whole second): the run's
// time is taken here, from the start to the last answer.
const started = performance.now();
const result = await autocannon({
  url: origin,
  connections: concurrency,
  amount: requests.length,
  timeout: 30,
  requests: [
    {
      setupRequest: (request) => {
        // autocannon may ask for a few more than `amount` while the last answers arrive: those repeat the list.
        const q = requests[next++ % requests.length];
        return { ...request, method: q.method ?? 'GET', path: q.path, headers: { ...q.headers }, body: q.body };
      },
      onResponse: () => {
        answered += 1;
        lastAnswer = performance.now();
      },
    },
  ],
});
process.stdout.write(
  `${JSON.stringify({
    requests: answered,
    seconds: (lastAnswer - started) / 1000,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  })}\n`,
);
