/**
 * Escrow primitives benchmark: the costs behind docs/escrow.md. One JSON line per figure, each
 * with a floor and the ratio to it (≥ 1 is at or above the floor). Floors come from the cost
 * model in the issue: a variable-base ristretto255 multiplication takes ~1 ms in pure-JS noble
 * and ~130 µs in libsodium's WebAssembly build; a VOPRF evaluation with proof costs about four
 * variable-base multiplications plus one fixed-base (counted here as five variable-base); the
 * reporter's client may spend at most 20 ms per identifier.
 *
 * Rates are per second of this process's CPU time (user + system), not of wall-clock time: the
 * benchmark machines are shared, and CPU time is what an operation costs a core whatever else
 * runs beside it.
 *
 * Run alone: `npx tsx bench/escrowPrimitives.ts`; or through `npm run bench -- escrowPrimitives`.
 */
import { pathToFileURL } from 'node:url';
import { ristretto255, ristretto255_oprf } from '@noble/curves/ed25519.js';
import { randomBytes } from '../src/core/crypto/bytes.ts';
import { newKeyPair } from '../src/core/crypto/sealedBox.ts';
import { sealEntry } from '../src/core/escrow/entry.ts';
import { encodeIdentifier, requireIdentifier } from '../src/core/escrow/identifiers.ts';
import { blindInputs, finalizeOutputs, generateServerKey } from '../src/core/escrow/oprf.ts';
import { loadOprfEvaluator, readySodium } from '../src/core/escrow/oprfEvaluator.ts';
import type { ReporterToken } from '../src/core/escrow/reporterToken.ts';
import { parseThreshold } from '../src/core/escrow/threshold.ts';
import type { Line } from './_lines.ts';

const nobleVariableBaseMicros = 1000;
const sodiumVariableBaseMicros = 130;
const evaluationInVariableBases = 5;
const clientBudgetMs = 20;
const batchSize = 8;
/** A batch of n: n multiplications by k, n for the composite, k·M and r·M, and r·G. */
const batchInVariableBases = 2 * batchSize + 3;


function line(name: string, value: number, floor: number): Line {
  const rounded = Math.round(value);
  return { name, value: rounded, unit: '1/s', floor: Math.round(floor), ratio_to_floor: Math.round((value / floor) * 100) / 100 };
}

/** Milliseconds of CPU time this process has used, user and system. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Operations per CPU-second of `operation`, after a warm-up, over at least `minimumMs` of CPU. */
function perSecond(operation: () => void, minimumMs = 1200): number {
  for (let index = 0; index < 20; index += 1) operation();
  let count = 0;
  const start = cpuMs();
  let elapsed = 0;
  while (elapsed < minimumMs) {
    operation();
    count += 1;
    elapsed = cpuMs() - start;
  }
  return (count * 1000) / elapsed;
}

export async function run(): Promise<void> {
  const sodium = await readySodium();
  const { Point } = ristretto255;
  const scalar = Point.Fn.fromBytes(sodium.crypto_core_ristretto255_scalar_random());
  const point = Point.BASE.multiply(Point.Fn.fromBytes(sodium.crypto_core_ristretto255_scalar_random()));
  const pointBytes = point.toBytes();
  const scalarBytes = sodium.crypto_core_ristretto255_scalar_random();

  const key = generateServerKey();
  const evaluator = await loadOprfEvaluator(key.secretKey, key.publicKey);
  const [request] = blindInputs([encodeIdentifier(requireIdentifier({ kind: 'email', text: 'bench.respondent@example.org' }))]);
  if (!request) throw new Error('no blinded request');
  const batch = blindInputs(Array.from({ length: batchSize }, (_, index) => new TextEncoder().encode(`respondent-${index}`))).map((r) => r.blinded);

  const lines: Line[] = [
    line('escrow.noble_varbase_mul_per_s', perSecond(() => point.multiply(scalar)), 1e6 / nobleVariableBaseMicros),
    line('escrow.libsodium_varbase_mul_per_s', perSecond(() => sodium.crypto_scalarmult_ristretto255(scalarBytes, pointBytes)), 1e6 / sodiumVariableBaseMicros),
    line('escrow.noble_bare_blind_evaluate_per_s', perSecond(() => ristretto255_oprf.oprf.blindEvaluate(key.secretKey, request.blinded)), 1e6 / nobleVariableBaseMicros),
    line(
      'escrow.noble_voprf_blind_evaluate_with_proof_per_s',
      perSecond(() => ristretto255_oprf.voprf.blindEvaluate(key.secretKey, key.publicKey, request.blinded)),
      1e6 / (evaluationInVariableBases * nobleVariableBaseMicros),
    ),
    line(
      'escrow.voprf_blind_evaluate_with_proof_per_s',
      perSecond(() => evaluator.evaluate([request.blinded])),
      1e6 / (evaluationInVariableBases * sodiumVariableBaseMicros),
    ),
    line(
      'escrow.voprf_batch8_evaluations_per_s',
      perSecond(() => evaluator.evaluate(batch)) * batchSize,
      (batchSize * 1e6) / (batchInVariableBases * sodiumVariableBaseMicros),
    ),
    line('escrow.client_identifiers_per_s', clientIdentifiersPerSecond(evaluator, key.publicKey), 1000 / clientBudgetMs),
  ];
  for (const entry of lines) console.log(JSON.stringify(entry));
}

/**
 * The reporter's work for one identifier: normalise and encode, blind, verify the proof and
 * finalize, derive, seal to two counsellors. The server's evaluation in between is not counted.
 */
function clientIdentifiersPerSecond(
  evaluator: Awaited<ReturnType<typeof loadOprfEvaluator>>,
  publicKey: ReturnType<typeof generateServerKey>['publicKey'],
): number {
  const counsellors = [newKeyPair(), newKeyPair()].map((pair, index) => ({ counsellorId: `counsellor-${index}`, publicKey: pair.publicKey }));
  const token = randomBytes(32) as ReporterToken;
  const threshold = parseThreshold(2);
  const allegation = new TextEncoder().encode('An invented account used only to measure sealing. '.repeat(20));
  let clientMs = 0;
  let count = 0;
  while (clientMs < 1500 || count < 20) {
    const start = cpuMs();
    const requests = blindInputs([encodeIdentifier(requireIdentifier({ kind: 'phone', text: '+44 20 7946 0958' }))]);
    const blindedAt = cpuMs();
    const evaluation = evaluator.evaluate(requests.map((r) => r.blinded));
    const answeredAt = cpuMs();
    const [oprfOutput] = finalizeOutputs(requests, evaluation, publicKey);
    if (!oprfOutput) throw new Error('no output');
    sealEntry({ oprfOutput, threshold, token, allegation, counsellors });
    clientMs += blindedAt - start + (cpuMs() - answeredAt);
    count += 1;
  }
  return (count * 1000) / clientMs;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
