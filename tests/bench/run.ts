/**
 * `npm run bench`: prints figures and ratios against baselines measured in the same run.
 * BENCH_SECONDS sets each measurement window (default 5 s); BENCH_ONLY=journey|foundation|import|search|sync|rooms|tally|payments|relevance picks a part.
 */
import os from 'node:os';
import { runFoundationBench } from './foundation.bench';
import { runJourneyBench } from './journey.bench';
import { runImportBench } from './import.bench';
import { runSearchBench } from './search.bench';
import { runSyncLagBench } from './sync-lag.bench';
import { runRoomsBench } from './rooms.bench';
import { runTallyBench } from './tally.bench';
import { runPaymentsBench } from './payments.bench';
import { runRelevanceBench } from './relevance.bench';

async function main() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const only = process.env.BENCH_ONLY;
  console.log(
    `东北科技大市场 benchmarks — ${new Date().toISOString()} — node ${process.version}, ${os.cpus().length} cores`,
  );
  if (!only || only === 'journey')
    await runJourneyBench({ rounds: Number(process.env.BENCH_JOURNEY_ROUNDS ?? 20), seconds });
  if (!only || only === 'foundation') await runFoundationBench({ seconds });
  if (!only || only === 'import') await runImportBench({ rows: Number(process.env.BENCH_IMPORT_ROWS ?? 5000) });
  if (!only || only === 'search') {
    // MiniSearch and Orama take minutes and gigabytes at 300k, so by default the peers run at 100k only.
    const sizes = (process.env.BENCH_SEARCH_SIZES ?? '100000,300000').split(',').map(Number);
    await runSearchBench({
      sizes,
      peersUpTo: Number(process.env.BENCH_SEARCH_PEERS_UP_TO ?? 100_000),
      rounds: Number(process.env.BENCH_SEARCH_ROUNDS ?? 5),
    });
  }
  if (!only || only === 'sync')
    await runSyncLagBench({
      writesPerSecond: Number(process.env.BENCH_SYNC_WPS ?? 50),
      seconds: Number(process.env.BENCH_SYNC_SECONDS ?? 10),
    });
  if (!only || only === 'rooms') await runRoomsBench({ seconds });
  if (!only || only === 'tally')
    await runTallyBench({
      contracts: Number(process.env.BENCH_TALLY_CONTRACTS ?? 1_000_000),
      rounds: Number(process.env.BENCH_TALLY_ROUNDS ?? 20),
    });
  if (!only || only === 'payments') await runPaymentsBench({ payments: Number(process.env.BENCH_PAYMENTS ?? 300) });
  if (!only || only === 'relevance') await runRelevanceBench();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
